package dev.caig.runtime.text;

import java.util.List;

/** One value of a description slot: the phrase the generator writes and the aliases the parser accepts. */
public interface SlotValue {
    /** The slot this value fills. */
    Slot slot();

    /** The phrase written into generated descriptions, e.g. "marble surface". */
    String phrase();

    /** Lower-case word sequences that mean this value, longest first is not required; the parser sorts. */
    List<String> aliases();

    /** Stable lower-case key for files and tables, e.g. "marble". */
    String key();

    /** True for the neutral default a description gets when it does not name this slot. */
    default boolean neutral() {
        return false;
    }
}

package dev.caig.runtime.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** The description vocabulary: every slot value, and the words a tokenizer needs to spell them. */
public final class DescriptionGrammar {

    private DescriptionGrammar() {
    }

    /** The values of one slot, neutral default first for single-valued slots. */
    public static List<SlotValue> values(Slot slot) {
        SlotValue[] values = switch (slot) {
            case SCENE -> Scene.values();
            case SURFACE -> Surface.values();
            case PALETTE -> Palette.values();
            case LIGHTING -> Lighting.values();
            case PROP -> Prop.values();
            case STYLE -> Style.values();
        };
        return List.of(values);
    }

    public static List<SlotValue> allValues() {
        List<SlotValue> all = new ArrayList<>();
        for (Slot slot : Slot.values()) {
            all.addAll(values(slot));
        }
        return Collections.unmodifiableList(all);
    }

    /** Every lower-case word of every phrase and alias, sorted; a tokenizer built on it can spell any description. */
    public static SortedSet<String> words() {
        TreeSet<String> words = new TreeSet<>();
        for (SlotValue v : allValues()) {
            for (String alias : v.aliases()) {
                words.addAll(Arrays.asList(alias.split(" ")));
            }
        }
        return Collections.unmodifiableSortedSet(words);
    }

    /** The lower-case words of any text, split the way the parser splits it. */
    public static List<String> tokenize(String text) {
        return Vocab.words(text);
    }
}

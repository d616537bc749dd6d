package dev.caig.runtime.text;

import java.util.List;
import java.util.Locale;

/** What the product stands on: a floor plane with its own texture. */
public enum Surface implements SlotValue {
    MATTE("matte surface", "matte", "plain surface", "seamless paper"),
    WOODEN("wooden surface", "wooden", "wood", "timber", "oak", "walnut", "wood grain"),
    MARBLE("marble surface", "marble", "marble slab"),
    CONCRETE("concrete surface", "concrete", "cement"),
    LINEN("linen cloth", "linen", "fabric", "cloth", "tablecloth", "cotton"),
    GLASS("glass surface", "glass", "mirror", "reflective", "acrylic"),
    SAND("sand", "sandy", "dune"),
    STONE("stone slab", "stone", "slate", "granite", "rock"),
    VELVET("velvet", "satin", "silk"),
    GRASS("grass", "lawn", "moss", "meadow"),
    SNOW("snow", "snowy ground", "frost");

    private final String phrase;
    private final List<String> aliases;

    Surface(String phrase, String... aliases) {
        this.phrase = phrase;
        this.aliases = Vocab.aliases(phrase, aliases);
    }

    @Override public Slot slot() { return Slot.SURFACE; }
    @Override public String phrase() { return phrase; }
    @Override public List<String> aliases() { return aliases; }
    @Override public String key() { return name().toLowerCase(Locale.ROOT); }
    @Override public boolean neutral() { return this == MATTE; }
}

package dev.caig.runtime.text;

import java.util.List;
import java.util.Locale;

/** The colour mood of the picture. */
public enum Palette implements SlotValue {
    NEUTRAL("neutral tones", "neutral", "beige", "white"),
    WARM("warm tones", "warm", "warm colors", "warm colours", "orange"),
    PASTEL_PINK("pastel pink tones", "pastel pink", "pink", "pastel", "rose", "blush"),
    COOL_BLUE("cool blue tones", "cool blue", "blue", "cool", "cool tones", "azure"),
    EARTHY("earthy tones", "earthy", "earth tones", "brown", "terracotta"),
    MONOCHROME("monochrome", "black and white", "grey", "gray", "greyscale"),
    VIBRANT("vibrant colors", "vibrant", "colorful", "colourful", "bright colors", "vivid"),
    MINT_GREEN("mint green tones", "mint green", "mint", "green", "sage"),
    GOLDEN("golden tones", "golden", "gold", "champagne", "amber"),
    DARK("dark tones", "dark", "black", "moody", "deep shadows"),
    LAVENDER("lavender tones", "lavender", "purple", "lilac", "violet");

    private final String phrase;
    private final List<String> aliases;

    Palette(String phrase, String... aliases) {
        this.phrase = phrase;
        this.aliases = Vocab.aliases(phrase, aliases);
    }

    @Override public Slot slot() { return Slot.PALETTE; }
    @Override public String phrase() { return phrase; }
    @Override public List<String> aliases() { return aliases; }
    @Override public String key() { return name().toLowerCase(Locale.ROOT); }
    @Override public boolean neutral() { return this == NEUTRAL; }
}

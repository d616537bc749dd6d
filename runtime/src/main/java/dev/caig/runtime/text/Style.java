package dev.caig.runtime.text;

import java.util.List;
import java.util.Locale;

/** The overall treatment of the picture; a description may name several. */
public enum Style implements SlotValue {
    BOKEH("bokeh effect", "bokeh", "blurred background", "depth of field", "blur"),
    MINIMALIST("minimalist", "minimal", "clean", "simple", "minimalism"),
    LUXURY("luxury", "luxurious", "elegant", "premium", "high end"),
    COZY("cozy", "cosy", "homey", "warm atmosphere", "comfortable"),
    FESTIVE("festive", "christmas", "holiday", "celebration", "party", "confetti"),
    VINTAGE("vintage", "retro", "film look", "nostalgic", "sepia"),
    MODERN("modern", "contemporary", "sleek", "arch"),
    NATURAL("natural", "organic", "fresh", "dappled light", "eco"),
    DREAMY("dreamy", "ethereal", "soft focus", "hazy", "haze"),
    BOLD("bold", "high contrast", "pop art", "punchy", "dynamic");

    private final String phrase;
    private final List<String> aliases;

    Style(String phrase, String... aliases) {
        this.phrase = phrase;
        this.aliases = Vocab.aliases(phrase, aliases);
    }

    @Override public Slot slot() { return Slot.STYLE; }
    @Override public String phrase() { return phrase; }
    @Override public List<String> aliases() { return aliases; }
    @Override public String key() { return name().toLowerCase(Locale.ROOT); }
}

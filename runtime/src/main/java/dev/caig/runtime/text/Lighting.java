package dev.caig.runtime.text;

import java.util.List;
import java.util.Locale;

/** How the scene is lit. */
public enum Lighting implements SlotValue {
    EVEN("even lighting", "even light", "flat lighting", "diffuse light"),
    SOFT_DAYLIGHT("soft daylight", "daylight", "natural light", "sunlight", "soft light", "window light", "bright"),
    WARM_LAMP("warm lamp light", "warm lamp", "lamp", "lamplight", "warm lighting", "warm light"),
    STUDIO_SPOTLIGHT("studio spotlight", "spotlight", "spot light", "studio lighting", "dramatic lighting"),
    GOLDEN_HOUR("golden hour", "sunset", "sunrise", "golden light"),
    NEON("neon lights", "neon", "neon glow", "led", "rgb lighting"),
    DIM("dim light", "dim", "low light", "shadowy"),
    MOONLIGHT("moonlight", "moonlit", "night light", "night");

    private final String phrase;
    private final List<String> aliases;

    Lighting(String phrase, String... aliases) {
        this.phrase = phrase;
        this.aliases = Vocab.aliases(phrase, aliases);
    }

    @Override public Slot slot() { return Slot.LIGHTING; }
    @Override public String phrase() { return phrase; }
    @Override public List<String> aliases() { return aliases; }
    @Override public String key() { return name().toLowerCase(Locale.ROOT); }
    @Override public boolean neutral() { return this == EVEN; }
}

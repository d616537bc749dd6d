package dev.caig.runtime.text;

import java.util.List;
import java.util.Locale;

/** Small objects placed around the product; a description may name several. */
public enum Prop implements SlotValue {
    FLOWERS("flowers", "flower", "petals", "blossoms", "roses", "floral"),
    LEAVES("green leaves", "leaves", "leaf", "plants", "plant", "foliage", "greenery", "eucalyptus"),
    CANDLES("candles", "candle", "candlelight"),
    BOOKS("books", "book", "magazines", "notebook"),
    FRUIT("fruit", "fruits", "citrus", "lemons", "oranges", "apples", "berries"),
    WATER_DROPS("water drops", "water droplets", "droplets", "drops", "splash", "dew"),
    GIFT_BOXES("gift boxes", "gift box", "gifts", "presents", "gift"),
    PEBBLES("pebbles", "pebble", "stones", "rocks"),
    SHELLS("seashells", "shells", "shell", "seashell"),
    GEOMETRIC_SHAPES("geometric shapes", "geometric", "podium", "pedestal", "spheres", "cubes", "shapes"),
    ICE_CUBES("ice cubes", "ice cube", "ice"),
    SNOWFLAKES("snowflakes", "snowflake", "falling snow");

    private final String phrase;
    private final List<String> aliases;

    Prop(String phrase, String... aliases) {
        this.phrase = phrase;
        this.aliases = Vocab.aliases(phrase, aliases);
    }

    @Override public Slot slot() { return Slot.PROP; }
    @Override public String phrase() { return phrase; }
    @Override public List<String> aliases() { return aliases; }
    @Override public String key() { return name().toLowerCase(Locale.ROOT); }
}

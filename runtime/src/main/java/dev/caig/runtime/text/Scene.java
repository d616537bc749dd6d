package dev.caig.runtime.text;

import java.util.List;
import java.util.Locale;

/** Where the product stands: the backdrop of the picture. */
public enum Scene implements SlotValue {
    STUDIO_BACKDROP("studio backdrop", "studio", "backdrop", "seamless backdrop", "photo studio"),
    KITCHEN_COUNTER("kitchen counter", "kitchen", "countertop", "counter"),
    BATHROOM_SHELF("bathroom shelf", "bathroom", "vanity", "spa", "shelf"),
    LIVING_ROOM("living room", "lounge", "sofa", "living"),
    OFFICE_DESK("office desk", "office", "desk", "workspace", "workstation"),
    BEDROOM("bedroom", "bed", "nightstand"),
    OUTDOOR_GARDEN("outdoor garden", "garden", "outdoor", "backyard", "park"),
    BEACH("beach", "seaside", "ocean", "sea", "shore"),
    FOREST("forest", "woods", "woodland", "jungle"),
    SNOWY_MOUNTAIN("snowy mountain", "mountain", "mountains", "snowy", "winter landscape", "alpine"),
    NIGHT_CITY("night city", "city", "cityscape", "urban", "street", "skyline"),
    CAFE_TABLE("cafe table", "cafe", "café", "coffee shop", "restaurant", "bistro");

    private final String phrase;
    private final List<String> aliases;

    Scene(String phrase, String... aliases) {
        this.phrase = phrase;
        this.aliases = Vocab.aliases(phrase, aliases);
    }

    @Override public Slot slot() { return Slot.SCENE; }
    @Override public String phrase() { return phrase; }
    @Override public List<String> aliases() { return aliases; }
    @Override public String key() { return name().toLowerCase(Locale.ROOT); }
    @Override public boolean neutral() { return this == STUDIO_BACKDROP; }
}

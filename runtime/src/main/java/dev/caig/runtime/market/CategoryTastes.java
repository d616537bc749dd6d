package dev.caig.runtime.market;

import dev.caig.runtime.text.Lighting;
import dev.caig.runtime.text.Palette;
import dev.caig.runtime.text.Prop;
import dev.caig.runtime.text.Scene;
import dev.caig.runtime.text.Slot;
import dev.caig.runtime.text.SlotValue;
import dev.caig.runtime.text.Style;
import dev.caig.runtime.text.Surface;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hidden scene preferences of each category: values that suit it (raise CTR) and values that hurt it, with
 * an effect size per slot. A new market copies these tables into its oracle file, so later edits here never
 * change an existing market.
 */
final class CategoryTastes {

    /** Effect on log CTR of one suiting (+) or hurting (-) value, by slot: the scene matters most. */
    static final Map<Slot, Double> SLOT_WEIGHT = new EnumMap<>(Map.of(
            Slot.SCENE, 0.40, Slot.SURFACE, 0.25, Slot.PALETTE, 0.22, Slot.LIGHTING, 0.20,
            Slot.PROP, 0.15, Slot.STYLE, 0.12));

    private CategoryTastes() {
    }

    /** "slot:key" -> effect on log CTR, for one category. */
    static Map<String, Double> table(Category c) {
        return switch (c) {
            case BEAUTY -> table(
                    List.of(Scene.BATHROOM_SHELF, Scene.BEDROOM, Scene.STUDIO_BACKDROP, Surface.MARBLE, Surface.GLASS,
                            Surface.LINEN, Palette.PASTEL_PINK, Palette.LAVENDER, Palette.NEUTRAL, Lighting.SOFT_DAYLIGHT,
                            Lighting.EVEN, Prop.FLOWERS, Prop.WATER_DROPS, Prop.SHELLS, Style.MINIMALIST, Style.DREAMY),
                    List.of(Scene.NIGHT_CITY, Scene.KITCHEN_COUNTER, Scene.OFFICE_DESK, Surface.CONCRETE, Surface.GRASS,
                            Surface.SAND, Palette.DARK, Palette.EARTHY, Palette.VIBRANT, Lighting.NEON, Lighting.DIM,
                            Prop.BOOKS, Prop.FRUIT, Style.BOLD, Style.VINTAGE));
            case ELECTRONICS -> table(
                    List.of(Scene.OFFICE_DESK, Scene.STUDIO_BACKDROP, Scene.NIGHT_CITY, Surface.CONCRETE, Surface.GLASS,
                            Surface.STONE, Palette.COOL_BLUE, Palette.MONOCHROME, Palette.DARK, Lighting.NEON,
                            Lighting.STUDIO_SPOTLIGHT, Prop.GEOMETRIC_SHAPES, Prop.BOOKS, Style.MODERN, Style.MINIMALIST),
                    List.of(Scene.OUTDOOR_GARDEN, Scene.BEACH, Scene.KITCHEN_COUNTER, Surface.SAND, Surface.GRASS,
                            Surface.LINEN, Palette.PASTEL_PINK, Palette.WARM, Palette.EARTHY, Lighting.WARM_LAMP,
                            Lighting.GOLDEN_HOUR, Prop.FLOWERS, Prop.FRUIT, Prop.SHELLS, Style.VINTAGE, Style.COZY));
            case FOOD -> table(
                    List.of(Scene.KITCHEN_COUNTER, Scene.CAFE_TABLE, Scene.OUTDOOR_GARDEN, Surface.WOODEN, Surface.LINEN,
                            Surface.STONE, Palette.WARM, Palette.EARTHY, Palette.VIBRANT, Lighting.WARM_LAMP,
                            Lighting.SOFT_DAYLIGHT, Prop.FRUIT, Prop.LEAVES, Style.COZY, Style.NATURAL),
                    List.of(Scene.BATHROOM_SHELF, Scene.NIGHT_CITY, Scene.OFFICE_DESK, Surface.CONCRETE, Surface.SAND,
                            Surface.SNOW, Palette.COOL_BLUE, Palette.MONOCHROME, Palette.LAVENDER, Lighting.NEON,
                            Lighting.MOONLIGHT, Prop.SHELLS, Prop.PEBBLES, Style.DREAMY));
            case BEVERAGES -> table(
                    List.of(Scene.BEACH, Scene.CAFE_TABLE, Scene.NIGHT_CITY, Surface.WOODEN, Surface.STONE, Surface.SAND,
                            Palette.VIBRANT, Palette.COOL_BLUE, Palette.GOLDEN, Lighting.GOLDEN_HOUR, Lighting.NEON,
                            Prop.ICE_CUBES, Prop.FRUIT, Prop.WATER_DROPS, Style.BOLD, Style.FESTIVE),
                    List.of(Scene.BEDROOM, Scene.BATHROOM_SHELF, Scene.OFFICE_DESK, Surface.LINEN, Surface.VELVET,
                            Surface.GRASS, Palette.PASTEL_PINK, Palette.LAVENDER, Palette.MONOCHROME, Lighting.DIM,
                            Lighting.EVEN, Prop.BOOKS, Prop.CANDLES, Style.MINIMALIST, Style.VINTAGE));
            case HOME -> table(
                    List.of(Scene.LIVING_ROOM, Scene.BEDROOM, Scene.CAFE_TABLE, Surface.WOODEN, Surface.LINEN,
                            Surface.MARBLE, Palette.NEUTRAL, Palette.EARTHY, Palette.WARM, Lighting.WARM_LAMP,
                            Lighting.SOFT_DAYLIGHT, Prop.CANDLES, Prop.BOOKS, Prop.LEAVES, Style.COZY, Style.MINIMALIST),
                    List.of(Scene.BEACH, Scene.NIGHT_CITY, Scene.SNOWY_MOUNTAIN, Surface.SAND, Surface.GRASS,
                            Surface.SNOW, Palette.VIBRANT, Palette.COOL_BLUE, Palette.DARK, Lighting.NEON,
                            Lighting.STUDIO_SPOTLIGHT, Prop.ICE_CUBES, Prop.SHELLS, Style.BOLD));
            case TOYS -> table(
                    List.of(Scene.LIVING_ROOM, Scene.BEDROOM, Scene.OUTDOOR_GARDEN, Surface.LINEN, Surface.WOODEN,
                            Surface.GRASS, Palette.VIBRANT, Palette.PASTEL_PINK, Palette.WARM, Lighting.SOFT_DAYLIGHT,
                            Lighting.EVEN, Prop.GIFT_BOXES, Prop.GEOMETRIC_SHAPES, Style.FESTIVE, Style.BOLD),
                    List.of(Scene.OFFICE_DESK, Scene.NIGHT_CITY, Scene.BATHROOM_SHELF, Surface.CONCRETE,
                            Surface.MARBLE, Surface.STONE, Palette.DARK, Palette.MONOCHROME, Palette.EARTHY,
                            Lighting.DIM, Lighting.MOONLIGHT, Lighting.NEON, Prop.CANDLES, Prop.PEBBLES,
                            Style.LUXURY, Style.VINTAGE));
            case FASHION -> table(
                    List.of(Scene.NIGHT_CITY, Scene.STUDIO_BACKDROP, Scene.CAFE_TABLE, Surface.CONCRETE, Surface.VELVET,
                            Surface.MARBLE, Palette.MONOCHROME, Palette.NEUTRAL, Palette.PASTEL_PINK,
                            Lighting.STUDIO_SPOTLIGHT, Lighting.GOLDEN_HOUR, Prop.GEOMETRIC_SHAPES, Prop.FLOWERS,
                            Style.MODERN, Style.LUXURY),
                    List.of(Scene.KITCHEN_COUNTER, Scene.BATHROOM_SHELF, Scene.FOREST, Surface.GRASS, Surface.SAND,
                            Surface.SNOW, Palette.EARTHY, Palette.MINT_GREEN, Palette.VIBRANT, Lighting.DIM,
                            Lighting.EVEN, Prop.FRUIT, Prop.ICE_CUBES, Prop.PEBBLES, Style.COZY, Style.FESTIVE));
            case SPORTS -> table(
                    List.of(Scene.OUTDOOR_GARDEN, Scene.BEACH, Scene.SNOWY_MOUNTAIN, Surface.CONCRETE, Surface.GRASS,
                            Surface.SAND, Palette.VIBRANT, Palette.COOL_BLUE, Palette.MINT_GREEN, Lighting.SOFT_DAYLIGHT,
                            Lighting.GOLDEN_HOUR, Prop.WATER_DROPS, Prop.PEBBLES, Style.BOLD, Style.MODERN),
                    List.of(Scene.BEDROOM, Scene.BATHROOM_SHELF, Scene.CAFE_TABLE, Surface.VELVET, Surface.LINEN,
                            Surface.MARBLE, Palette.PASTEL_PINK, Palette.LAVENDER, Palette.GOLDEN, Lighting.WARM_LAMP,
                            Lighting.DIM, Lighting.MOONLIGHT, Prop.CANDLES, Prop.FLOWERS, Prop.GIFT_BOXES,
                            Style.COZY, Style.DREAMY, Style.LUXURY));
            case PETS -> table(
                    List.of(Scene.LIVING_ROOM, Scene.OUTDOOR_GARDEN, Scene.FOREST, Surface.GRASS, Surface.WOODEN,
                            Surface.LINEN, Palette.WARM, Palette.EARTHY, Palette.MINT_GREEN, Lighting.SOFT_DAYLIGHT,
                            Lighting.GOLDEN_HOUR, Prop.LEAVES, Prop.PEBBLES, Style.NATURAL, Style.COZY),
                    List.of(Scene.NIGHT_CITY, Scene.OFFICE_DESK, Scene.BATHROOM_SHELF, Surface.GLASS, Surface.MARBLE,
                            Surface.VELVET, Palette.DARK, Palette.LAVENDER, Palette.MONOCHROME, Lighting.NEON,
                            Lighting.STUDIO_SPOTLIGHT, Prop.CANDLES, Prop.ICE_CUBES, Style.LUXURY, Style.MODERN));
            case JEWELRY -> table(
                    List.of(Scene.STUDIO_BACKDROP, Scene.BEDROOM, Scene.BATHROOM_SHELF, Surface.VELVET, Surface.MARBLE,
                            Surface.GLASS, Palette.DARK, Palette.GOLDEN, Palette.LAVENDER, Lighting.STUDIO_SPOTLIGHT,
                            Lighting.WARM_LAMP, Prop.FLOWERS, Prop.SHELLS, Prop.GIFT_BOXES, Style.LUXURY, Style.BOKEH),
                    List.of(Scene.KITCHEN_COUNTER, Scene.FOREST, Scene.OUTDOOR_GARDEN, Surface.CONCRETE,
                            Surface.GRASS, Surface.SAND, Palette.VIBRANT, Palette.EARTHY, Palette.MINT_GREEN,
                            Lighting.EVEN, Lighting.NEON, Prop.FRUIT, Prop.BOOKS, Prop.ICE_CUBES, Style.BOLD,
                            Style.COZY));
        };
    }

    private static Map<String, Double> table(List<SlotValue> good, List<SlotValue> bad) {
        Map<String, Double> t = new LinkedHashMap<>();
        good.forEach(v -> t.put(key(v), SLOT_WEIGHT.get(v.slot())));
        bad.forEach(v -> t.put(key(v), -SLOT_WEIGHT.get(v.slot())));
        return t;
    }

    /** "scene:bathroom_shelf": the key of a slot value in the oracle's tables. */
    static String key(SlotValue v) {
        return v.slot().name().toLowerCase(java.util.Locale.ROOT) + ":" + v.key();
    }
}

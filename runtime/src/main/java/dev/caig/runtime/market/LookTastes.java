package dev.caig.runtime.market;

import dev.caig.runtime.text.DescriptionGrammar;
import dev.caig.runtime.text.Slot;
import dev.caig.runtime.text.SlotValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The product-specific part of the market's taste: what suits a product because of how it looks (the family of its
 * main colour, whether it is light or dark, its silhouette), drawn afresh from each market's seed so no fixed
 * mapping can be learnt once and reused. Every feature is visible in the product picture; the title's selling point
 * ({@link TitleTrait}) adds the part only the title reveals. Effects per slot match the category tables'
 * ({@link CategoryTastes#SLOT_WEIGHT}), so at specificity 1 what suits the product weighs as much as what suits
 * its category.
 */
final class LookTastes {

    /** Slots a look feature moves: the background's scene, surface, palette and lighting. */
    static final List<Slot> SLOTS = List.of(Slot.SCENE, Slot.SURFACE, Slot.PALETTE, Slot.LIGHTING);

    /** Liked and disliked values per (feature, slot). */
    static final int VALUES_PER_SIDE = 2;

    private LookTastes() {
    }

    /** The observable look features of a product: "color:warm", "tone:dark", "shape:bottle". */
    static List<String> features(ProductLook look) {
        return List.of("color:" + ColorFamily.of(look.body()).name().toLowerCase(java.util.Locale.ROOT),
                "tone:" + (luminance(look.body()) < 0.45 ? "dark" : "light"),
                "shape:" + look.shape().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Every possible feature -> "slot:value" -> effect on log CTR at specificity 1, drawn from the seed. */
    static Map<String, Map<String, Double>> rules(long seed) {
        List<String> all = new ArrayList<>();
        for (ColorFamily f : ColorFamily.values()) {
            all.add("color:" + f.name().toLowerCase(java.util.Locale.ROOT));
        }
        all.add("tone:dark");
        all.add("tone:light");
        for (ProductShape s : ProductShape.values()) {
            all.add("shape:" + s.name().toLowerCase(java.util.Locale.ROOT));
        }
        Map<String, Map<String, Double>> rules = new LinkedHashMap<>();
        for (String feature : all) {
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ feature.hashCode() * 0xBF58476D1CE4E5B9L);
            Map<String, Double> effects = new TreeMap<>();
            for (Slot slot : SLOTS) {
                List<SlotValue> values = new ArrayList<>(DescriptionGrammar.values(slot));
                double weight = CategoryTastes.SLOT_WEIGHT.get(slot);
                for (int k = 0; k < 2 * VALUES_PER_SIDE && !values.isEmpty(); k++) {
                    SlotValue v = values.remove(r.nextInt(values.size()));
                    effects.put(CategoryTastes.key(v), k < VALUES_PER_SIDE ? weight : -weight);
                }
            }
            rules.put(feature, effects);
        }
        return rules;
    }

    /** One product's own effects: the sum of its features' rules, scaled by the market's specificity. */
    static Map<String, Double> forProduct(ProductLook look, Map<String, Map<String, Double>> rules, double specificity) {
        Map<String, Double> out = new TreeMap<>();
        if (specificity == 0) {
            return out;
        }
        for (String feature : features(look)) {
            rules.getOrDefault(feature, Map.of()).forEach((key, effect) ->
                    out.merge(key, specificity * effect, Double::sum));
        }
        out.replaceAll((k, v) -> Math.round(v * 1e4) / 1e4);
        out.values().removeIf(v -> v == 0);
        return out;
    }

    /** Relative luminance of an RGB colour, 0..1. */
    static double luminance(int rgb) {
        return (0.2126 * ((rgb >> 16) & 255) + 0.7152 * ((rgb >> 8) & 255) + 0.0722 * (rgb & 255)) / 255;
    }
}

package dev.caig.runtime.eval;

import dev.caig.runtime.text.DescriptionParser;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The creatives one arm shows: per held-out product, its descriptions and rendered ads, in product order. */
record Arm(String name, List<Creative> creatives) {
    record Creative(String productId, String description, BufferedImage ad) {
    }

    /** Share of the arm's descriptions that are well-formed. */
    double wellFormedRate() {
        return creatives.stream().filter(c -> DescriptionParser.isWellFormed(c.description())).count()
                / (double) creatives.size();
    }

    /**
     * Share of the arm's creatives, over all products, that show its most frequent description: 1 for one description
     * shown to every product ({@code universal}), near 0 for descriptions tailored to each product or drawn afresh.
     * Beside the lift it says whether an arm wins by tailoring or by one good style.
     */
    double topDescriptionShare() {
        Map<String, Integer> counts = new HashMap<>();
        creatives.forEach(c -> counts.merge(c.description(), 1, Integer::sum));
        return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0) / (double) creatives.size();
    }

    /** Mean over products of the number of distinct descriptions among that product's creatives. */
    double distinctPerProduct() {
        Map<String, Set<String>> byProduct = new LinkedHashMap<>();
        creatives.forEach(c -> byProduct.computeIfAbsent(c.productId(), k -> new HashSet<>()).add(c.description()));
        return byProduct.values().stream().mapToInt(Set::size).average().orElse(0);
    }
}

package dev.caig.runtime.stage;

import dev.caig.runtime.data.Creative;
import dev.caig.runtime.data.LabeledPair;
import dev.caig.runtime.data.PairFilter;
import dev.caig.runtime.data.RewardPairs;
import dev.caig.runtime.pipeline.PipelineConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The paper's reward-model pairs of a set of products ({@link PairFilter} with the config's thresholds, sides
 * randomised by {@link RewardPairs#label}), with each creative's image path.
 */
public final class CreativePairs {
    /** A pair as shown to the model: label 0 when the left creative had the higher CTR, 1 when the right one had. */
    public record Pair(TrainingData.CreativeImage left, TrainingData.CreativeImage right, int label) {
    }

    private CreativePairs() {
    }

    public static PairFilter filter(PipelineConfig.Reward s) {
        return new PairFilter(s.minImpressions(), s.minCtrRatio(), s.maxCtrRatio());
    }

    public static List<Pair> build(TrainingData data, Set<String> products, PipelineConfig.Reward s, long seed) {
        Map<String, List<Creative>> subset = new LinkedHashMap<>();
        Map<Creative, TrainingData.CreativeImage> images = new java.util.IdentityHashMap<>();
        for (String id : new TreeSet<>(products)) {
            List<TrainingData.CreativeImage> creatives = data.creatives().getOrDefault(id, List.of());
            subset.put(id, creatives.stream().map(TrainingData.CreativeImage::creative).toList());
            creatives.forEach(c -> images.put(c.creative(), c));
        }
        List<Pair> out = new ArrayList<>();
        for (LabeledPair p : RewardPairs.label(filter(s).pairs(subset), seed)) {
            out.add(new Pair(images.get(p.left()), images.get(p.right()), p.label()));
        }
        return out;
    }
}

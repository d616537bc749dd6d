package dev.caig.runtime.stage;

import dev.caig.runtime.pipeline.PipelineConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The paper's reward-model pairs (METHOD.md section 3): creatives with impressions above the threshold, products
 * with at least two of them, every two with both CTRs > 0 and a CTR ratio in [min, max]; the better one is put on
 * the right with probability 0.5.
 */
public final class CreativePairs {
    /** A pair as shown to the model: label 0 when the left creative had the higher CTR, 1 when the right one had. */
    public record Pair(TrainingData.CreativeImage left, TrainingData.CreativeImage right, int label) {
    }

    private CreativePairs() {
    }

    public static List<Pair> build(TrainingData data, Set<String> products, PipelineConfig.Reward s, Random random) {
        List<Pair> out = new ArrayList<>();
        for (String productId : new java.util.TreeSet<>(products)) {
            List<TrainingData.CreativeImage> kept = data.creatives().getOrDefault(productId, List.of()).stream()
                    .filter(c -> c.creative().impressions() > s.minImpressions()).toList();
            for (int i = 0; i < kept.size(); i++) {
                for (int j = i + 1; j < kept.size(); j++) {
                    TrainingData.CreativeImage a = kept.get(i);
                    TrainingData.CreativeImage b = kept.get(j);
                    double ca = a.creative().ctr();
                    double cb = b.creative().ctr();
                    if (ca <= 0 || cb <= 0) {
                        continue;
                    }
                    double ratio = Math.max(ca, cb) / Math.min(ca, cb);
                    if (ratio < s.minCtrRatio() || ratio > s.maxCtrRatio()) {
                        continue;
                    }
                    TrainingData.CreativeImage better = ca >= cb ? a : b;
                    TrainingData.CreativeImage worse = better == a ? b : a;
                    out.add(random.nextBoolean() ? new Pair(worse, better, 1) : new Pair(better, worse, 0));
                }
            }
        }
        return out;
    }
}

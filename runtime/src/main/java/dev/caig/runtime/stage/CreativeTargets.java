package dev.caig.runtime.stage;

import dev.caig.runtime.data.PairFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pointwise targets for the reward model's auxiliary loss: for every product, each creative's log CTR minus the
 * mean log CTR of that product's creatives, i.e. what the scene adds for this product. Only creatives the paper's
 * filter trusts count (more than {@code minImpressions} impressions, at least one click, so the log is defined); a
 * product needs two of them. Unlike the paper's pairs (CTR ratio 1.05-1.20, mostly noise), this uses every
 * trusted creative of the training products.
 */
public final class CreativeTargets {
    /** One creative and its centred log CTR. */
    public record Target(TrainingData.CreativeImage creative, double centredLogCtr) {
    }

    /** The targets of one product; they sum to zero. */
    public record ProductTargets(String productId, List<Target> targets) {
    }

    private CreativeTargets() {
    }

    /** Products in id order, creatives in click-log order. */
    public static List<ProductTargets> build(TrainingData data, Set<String> products, PairFilter filter) {
        return build(data.creatives(), products, filter);
    }

    /** As {@link #build(TrainingData, Set, PairFilter)}, over creatives by product id. */
    public static List<ProductTargets> build(Map<String, List<TrainingData.CreativeImage>> creatives, Set<String> products,
                                             PairFilter filter) {
        List<ProductTargets> out = new ArrayList<>();
        for (String id : new TreeSet<>(products)) {
            List<TrainingData.CreativeImage> kept = creatives.getOrDefault(id, List.of()).stream()
                    .filter(c -> filter.survives(c.creative()) && c.creative().clicks() > 0).toList();
            if (kept.size() < 2) {
                continue;
            }
            double mean = kept.stream().mapToDouble(c -> Math.log(c.creative().ctr())).average().orElseThrow();
            out.add(new ProductTargets(id, kept.stream().map(c -> new Target(c, Math.log(c.creative().ctr()) - mean)).toList()));
        }
        return out;
    }
}

package dev.caig.runtime.eval;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.ImageFiles;
import dev.caig.runtime.market.SimulatedMarket;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.stage.CreativePairs;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reward-model accuracy on held-out products' pairs (built exactly like training pairs), and, on a simulated
 * market, the ceiling (how often the noise-free CTR order agrees with the observed labels) and the accuracy against
 * the true order.
 */
final class RewardEvaluation {
    private RewardEvaluation() {
    }

    /**
     * Whether {@code correct} of {@code pairs} is above coin flipping at the 5 % level (one-sided binomial test,
     * normal approximation with continuity correction).
     */
    static boolean aboveChance(int correct, int pairs) {
        if (pairs == 0) {
            return false;
        }
        double z = (correct - 0.5 - 0.5 * pairs) / Math.sqrt(0.25 * pairs);
        return z > 1.6449;
    }

    /** Pairs whose images are in memory at once. */
    private static final int CHUNK = 512;

    /** Keys: accuracy, aboveChance, chance, pairs, and on a market also ceiling and accuracyTrueOrder. */
    static Map<String, Object> evaluate(RewardModel model, List<CreativePairs.Pair> pairs, Map<String, String> titles,
                                        SimulatedMarket market) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pairs", pairs.size());
        out.put("chance", 0.5);
        if (pairs.isEmpty()) {
            out.put("accuracy", Double.NaN);
            return out;
        }
        float[][] logits = new float[pairs.size()][];
        for (int from = 0; from < pairs.size(); from += CHUNK) {
            // a chunk of pair images at a time: a large click log has tens of thousands of held-out pairs
            List<CreativePairs.Pair> chunk = pairs.subList(from, Math.min(pairs.size(), from + CHUNK));
            List<BufferedImage> images = new ArrayList<>();
            for (CreativePairs.Pair p : chunk) {
                images.add(model.sideBySide(ImageFiles.read(p.left().image()), ImageFiles.read(p.right().image())));
            }
            float[][] chunkLogits = model.pairLogits(images, chunk.stream().map(p -> titles.get(p.left().productId())).toList());
            System.arraycopy(chunkLogits, 0, logits, from, chunk.size());
        }
        int correct = 0;
        int ceiling = 0;
        int trueOrder = 0;
        for (int i = 0; i < pairs.size(); i++) {
            CreativePairs.Pair p = pairs.get(i);
            int decision = logits[i][0] >= logits[i][1] ? 0 : 1;
            correct += decision == p.label() ? 1 : 0;
            if (market != null) {
                int trueLabel = trueCtr(market, p.left()) >= trueCtr(market, p.right()) ? 0 : 1;
                ceiling += trueLabel == p.label() ? 1 : 0;
                trueOrder += decision == trueLabel ? 1 : 0;
            }
        }
        out.put("accuracy", (double) correct / pairs.size());
        out.put("aboveChance", aboveChance(correct, pairs.size()));
        if (market != null) {
            out.put("ceiling", (double) ceiling / pairs.size());
            out.put("accuracyTrueOrder", (double) trueOrder / pairs.size());
        }
        return out;
    }

    private static double trueCtr(SimulatedMarket market, dev.caig.runtime.stage.TrainingData.CreativeImage c) {
        String description = market.creativeDescription(c.productId(), c.creative().creativeId());
        if (description == null) {
            throw new CaigException("market has no description for creative " + c.creative().creativeId());
        }
        return market.oracle().trueCtr(market.product(c.productId()), description, ImageFiles.read(c.image()));
    }
}

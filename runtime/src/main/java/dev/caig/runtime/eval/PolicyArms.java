package dev.caig.runtime.eval;

import dev.caig.runtime.generate.CandidateRanking;
import dev.caig.runtime.generate.PolicySamples;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.SamplingOptions;
import dev.caig.runtime.stage.TrainingData;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy's two arms from one batch of samples: per held-out product and slot, {@code rerankCandidates}
 * descriptions at temperature 1. The plain arm shows the first candidate of each slot; the reranked arm shows the
 * reward model's rank 1 of the slot's candidates (highest score, ties to the earlier sample), as serving does. So
 * the two arms differ only by the reranking.
 */
final class PolicyArms {

    /** Draws each arm's ad for a product and description with the frozen renderer. */
    @FunctionalInterface
    interface Render {
        BufferedImage ad(TrainingData.Product product, String description);
    }

    private PolicyArms() {
    }

    /** [plain, reranked] arms of the model in {@code modelDir}. */
    static List<Arm> of(String name, Path modelDir, List<TrainingData.Product> heldOut, int samples, int candidates,
                        SamplingOptions options, long seed, Render render, RewardModel rewardModel) {
        List<String> descriptions = sample(modelDir, heldOut, samples * candidates, options, seed);
        List<Arm.Creative> plain = new ArrayList<>();
        List<Arm.Creative> reranked = new ArrayList<>();
        int perProduct = samples * candidates;
        for (int k = 0; k < heldOut.size(); k++) {
            TrainingData.Product product = heldOut.get(k);
            for (int s = 0; s < samples; s++) {
                List<String> slot = new ArrayList<>();
                List<BufferedImage> ads = new ArrayList<>();
                for (int c = 0; c < candidates; c++) {
                    String d = descriptions.get(k * perProduct + c * samples + s);
                    slot.add(d);
                    ads.add(render.ad(product, d));
                }
                plain.add(new Arm.Creative(product.id(), slot.get(0), ads.get(0)));
                int best = rankOne(CandidateRanking.scores(rewardModel, ads, product.title()));
                reranked.add(new Arm.Creative(product.id(), slot.get(best), ads.get(best)));
            }
        }
        return List.of(new Arm(name, plain), new Arm(name + SimulatedAbTest.RERANKED, reranked));
    }

    /** Index of the highest score; the earlier candidate wins a tie (the serving order). */
    static int rankOne(float[] scores) {
        return CandidateRanking.bestFirst(scores)[0];
    }

    /** {@code n} samples per product, seeded as {@link PolicySamples#draw} does. */
    private static List<String> sample(Path modelDir, List<TrainingData.Product> heldOut, int n, SamplingOptions options,
                                       long seed) {
        try (PromptModel model = PromptModel.load(modelDir)) {
            return PolicySamples.draw(model, heldOut.stream().map(TrainingData.Product::image).toList(),
                    heldOut.stream().map(TrainingData.Product::title).toList(), n, options, seed);
        }
    }
}

package dev.caig.runtime.serve;

import dev.caig.runtime.generate.CandidateRanking;
import dev.caig.runtime.model.PolicyInput;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.render.BackgroundRenderer;
import dev.caig.runtime.text.InstructionTemplates;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/**
 * The serving path: sample N background descriptions from the policy for one product and title, render each ad
 * with the frozen renderer (fixed seed), score each with the reward model for the title, return them best first
 * (sampling options and ranking: {@link CandidateRanking}, as in the evaluation's reranked arms). Deterministic
 * for (models, product, title, N, seed); thread-safe.
 */
public final class AdGenerator {
    private final LoadedModels models;
    private final AdRenderer renderer;
    private final int renderSize;
    private final ChunkedSampler sampler;

    /** @param helpers threads that sample chunks of a request in parallel when a model copy is free */
    public AdGenerator(LoadedModels models, AdRenderer renderer, int renderSize, java.util.concurrent.Executor helpers) {
        this.models = models;
        this.renderer = renderer;
        this.renderSize = renderSize;
        this.sampler = new ChunkedSampler(models, helpers);
    }

    /**
     * @param product ARGB product photo whose alpha is the product mask
     * @return {@code count} candidates, best (highest score) first; ties keep sampling order
     */
    public List<RankedAd> generate(BufferedImage product, String title, int count, long seed) {
        int policySize = models.replicas().get(0).policy().config().imageSize();
        float[] policyImage = PolicyInput.of(renderer.layout(product, policySize));
        String instruction = InstructionTemplates.backgroundFor(title);
        List<String> descriptions = sampler.sample(policyImage, instruction, CandidateSeeds.derive(seed, count));

        // Equal descriptions render to equal ads: render each distinct one once, as one batch (the back end
        // parallelises or batches it; a batch gives the images of one-at-a-time calls, so only latency changes).
        List<String> distinct = descriptions.stream().distinct().toList();
        List<BufferedImage> rendered = renderer.renderAll(product, distinct, BackgroundRenderer.DEFAULT_SEED, renderSize);
        Map<String, BufferedImage> ads = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            ads.put(distinct.get(i), rendered.get(i));
        }
        List<BufferedImage> images = descriptions.stream().map(ads::get).toList();
        float[] scores = models.withReplica(r -> CandidateRanking.scores(r.reward(), images, title));

        int[] order = CandidateRanking.bestFirst(scores);
        List<RankedAd> ranked = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            int i = order[r];
            ranked.add(new RankedAd(r + 1, scores[i], descriptions.get(i), images.get(i)));
        }
        return ranked;
    }
}

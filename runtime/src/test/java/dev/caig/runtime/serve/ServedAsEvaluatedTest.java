package dev.caig.runtime.serve;

import dev.caig.runtime.generate.CandidateRanking;
import dev.caig.runtime.model.PolicyInput;
import dev.caig.runtime.model.SamplingOptions;
import dev.caig.runtime.render.BackgroundRenderer;
import dev.caig.runtime.store.LocalArtifactStore;
import dev.caig.runtime.text.InstructionTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is served is what was measured: the serving core ({@link AdGenerator}, behind `caig serve` and `caig generate`)
 * samples with the evaluation's options (temperature 1, the policy's top-p, under the description grammar) and ranks
 * with the reward model's score for the product title, through {@link CandidateRanking} like the reranked arms.
 */
class ServedAsEvaluatedTest {

    @Test
    void servingSamplesUnderTheGrammarAndRanksWithTheTitleLikeTheRerankedArms(@TempDir Path dir) {
        ServeFixtures.Artifacts artifacts = ServeFixtures.publishTinyModels(dir);
        String title = "rose hand cream";
        int count = 4;
        long seed = 9L;
        try (LoadedModels loaded = new ArtifactModelLoader(LocalArtifactStore::new, artifacts.policyUri(),
                artifacts.rewardUri(), 64, 1).load()) {
            BufferedImage product = ServeFixtures.product(96, 96);
            List<RankedAd> served = new AdGenerator(loaded, loaded.renderer(), 64, Runnable::run)
                    .generate(product, title, count, seed);

            LoadedModels.Replica models = loaded.replicas().get(0);
            SamplingOptions evaluated = CandidateRanking.sampling(0.95, models.policy().encoder().maxAnswerTokens(), true);
            assertEquals(evaluated, loaded.sampling(), "the policy manifest's promptModel settings, read as evaluate reads them");
            assertTrue(loaded.info().sampling().describeBackgrounds(), "/v1/model says so");

            // The shared path step by step: sample (in the serving core's fixed chunks), render, score for the title, rank.
            float[] image = PolicyInput.of(loaded.renderer().layout(product, models.policy().config().imageSize()));
            List<String> sampled = sample(models, image, title, CandidateSeeds.derive(seed, count), evaluated);
            List<BufferedImage> ads = loaded.renderer().renderAll(product, sampled, BackgroundRenderer.DEFAULT_SEED, 64);
            float[] scores = CandidateRanking.scores(models.reward(), ads, title);
            int[] order = CandidateRanking.bestFirst(scores);
            for (int rank = 0; rank < count; rank++) {
                assertEquals(sampled.get(order[rank]), served.get(rank).description(), "rank " + (rank + 1));
                assertEquals(scores[order[rank]], served.get(rank).score(), "rank " + (rank + 1));
            }

            // What serving did before it shared the path, and why this test can fail: no grammar, no title.
            SamplingOptions unconstrained = new SamplingOptions(1.0, 0.95, evaluated.maxNewTokens());
            assertNotEquals(sampled, sample(models, image, title, CandidateSeeds.derive(seed, count), unconstrained),
                    "the grammar changes what is sampled");
            assertFalse(Arrays.equals(scores, models.reward().scores(ads)), "the title changes the scores");
        }
    }

    @Test
    void bestFirstIsTheHighestScoreFirstAndTheEarlierSampleOnATie() {
        assertEquals(List.of(2, 1, 3, 0), Arrays.stream(CandidateRanking.bestFirst(new float[] {0.1f, 0.3f, 0.5f, 0.2f}))
                .boxed().toList());
        assertEquals(List.of(1, 2, 0), Arrays.stream(CandidateRanking.bestFirst(new float[] {0.1f, 0.5f, 0.5f})).boxed().toList());
    }

    private static List<String> sample(LoadedModels.Replica models, float[] image, String title, long[] seeds,
                                       SamplingOptions options) {
        String instruction = InstructionTemplates.backgroundFor(title);
        List<String> out = new ArrayList<>();
        for (int from = 0; from < seeds.length; from += ChunkedSampler.CHUNK) {
            int n = Math.min(ChunkedSampler.CHUNK, seeds.length - from);
            out.addAll(models.policy().generate(Collections.nCopies(n, image), Collections.nCopies(n, instruction), options,
                    Arrays.copyOfRange(seeds, from, from + n)));
        }
        return out;
    }
}

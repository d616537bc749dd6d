package dev.caig.runtime.train;

import dev.caig.runtime.model.ImageTensors;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.RewardModelConfig;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RewardTrainerTest {
    /** A product (white box) on a background whose warmth is the hidden preference. */
    private static float[] ad(double warmth, Random random) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        int red = (int) (80 + 150 * warmth);
        g.setColor(new Color(red, 90 + random.nextInt(40), 230 - red / 2));
        g.fillRect(0, 0, 32, 32);
        g.setColor(Color.WHITE);
        g.fillRect(9 + random.nextInt(4), 8, 12, 16);
        g.dispose();
        return ImageTensors.rgb(image, 32);
    }

    /** {@code count} ads of random warmth; each one's warmth is appended to {@code warmth}. */
    private static List<float[]> ads(int count, Random random, List<Double> warmth) {
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double w = random.nextDouble();
            warmth.add(w);
            images.add(ad(w, random));
        }
        return images;
    }

    @Test
    void learnsAPreferenceThatGeneralisesToNewPairs() {
        Random random = new Random(4);
        List<Double> warmth = new ArrayList<>();
        List<float[]> images = ads(120, random, warmth);
        List<RewardExample> train = new ArrayList<>();
        List<RewardExample> heldOut = new ArrayList<>();
        for (int i = 0; i < 120; i += 2) {
            int better = warmth.get(i) > warmth.get(i + 1) ? i : i + 1;
            int worse = better == i ? i + 1 : i;
            RewardExample e = new RewardExample(better, worse, 0, 0.02f, 0.015f, "lamp");
            (i < 80 ? train : heldOut).add(random.nextBoolean() ? e.swapped() : e);
        }
        try (RewardModel model = RewardModel.create(new RewardModelConfig(32, 4, 16, List.of("lamp"), 4, RewardModelConfig.REGIONS), 1)) {
            double before = RewardTrainer.accuracy(model, images, heldOut);
            TrainingState state = new RewardTrainer(model, new RewardTrainer.Settings(25, 8, 3e-3, 2), CheckpointSink.none())
                    .train(images, train, heldOut, ResumeFromCheckpointTest.quiet());
            double after = state.last("heldOutAccuracy");
            assertTrue(after >= 0.85, "held-out accuracy " + after + " (before training " + before + ")");
        }
    }

    /**
     * Pairs whose labels are coin flips teach nothing; the pointwise term over each product's creatives (centred
     * warmth as the centred log CTR) still teaches the preference, and the pair decision on new pairs follows it.
     */
    @Test
    void thePointwiseTermTeachesWhatNoisyPairsCannot() {
        Random random = new Random(6);
        List<Double> warmth = new ArrayList<>();
        List<float[]> images = ads(160, random, warmth);
        List<RewardExample> noisyPairs = new ArrayList<>();
        List<RewardGroup> groups = new ArrayList<>();
        for (int from = 0; from < 96; from += 6) { // 16 training products of 6 creatives
            List<Integer> members = new ArrayList<>();
            float[] targets = new float[6];
            double mean = warmth.subList(from, from + 6).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            for (int k = 0; k < 6; k++) {
                members.add(from + k);
                targets[k] = (float) ((warmth.get(from + k) - mean) * 0.5);
            }
            groups.add(new RewardGroup(members, targets, "lamp"));
            for (int k = 0; k < 6; k += 2) {
                noisyPairs.add(new RewardExample(from + k, from + k + 1, random.nextInt(2), 0.02f, 0.02f, "lamp"));
            }
        }
        List<RewardExample> heldOut = new ArrayList<>();
        for (int i = 96; i < 160; i += 2) {
            heldOut.add(new RewardExample(i, i + 1, warmth.get(i) > warmth.get(i + 1) ? 0 : 1, 0.02f, 0.02f, "lamp"));
        }
        try (RewardModel model = RewardModel.create(new RewardModelConfig(32, 4, 16, List.of("lamp"), 4, RewardModelConfig.REGIONS), 1)) {
            TrainingState state = new RewardTrainer(model, new RewardTrainer.Settings(25, 8, 3e-3, 2, 1.0), CheckpointSink.none())
                    .train(images, noisyPairs, groups, heldOut, ResumeFromCheckpointTest.quiet());
            double first = state.history().get(0).get("pointwiseLoss");
            double last = state.last("pointwiseLoss");
            assertTrue(last < 0.5 * first, "pointwise loss " + first + " -> " + last);
            assertTrue(state.last("heldOutAccuracy") >= 0.8, "held-out accuracy " + state.last("heldOutAccuracy"));
        }
    }

    /** Weight 0 is the paper's loss exactly: the groups are not read and training is bit-identical. */
    @Test
    void aZeroPointwiseWeightIgnoresTheGroups() {
        Random random = new Random(8);
        List<float[]> images = ads(32, random, new ArrayList<>());
        List<RewardExample> pairs = new ArrayList<>();
        for (int i = 0; i < 32; i += 2) {
            pairs.add(new RewardExample(i, i + 1, random.nextInt(2), 0.02f, 0.018f, "lamp"));
        }
        List<RewardGroup> groups = List.of(new RewardGroup(List.of(0, 1, 2), new float[] {1, 0, -1}, "lamp"));
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            try (RewardModel model = RewardModel.create(new RewardModelConfig(32, 4, 16, List.of("lamp"), 4, RewardModelConfig.REGIONS), 1)) {
                RewardTrainer trainer = new RewardTrainer(model, new RewardTrainer.Settings(2, 8, 3e-3, 2, 0.0), CheckpointSink.none());
                TrainingState state = run == 0 ? trainer.train(images, pairs, List.of(), ResumeFromCheckpointTest.quiet())
                        : trainer.train(images, pairs, groups, List.of(), ResumeFromCheckpointTest.quiet());
                losses[run] = state.last("loss");
                assertTrue(!state.history().get(1).containsKey("pointwiseLoss"));
            }
        }
        assertEquals(losses[0], losses[1]);
    }

    @Test
    void theCentredMseIgnoresAShiftOfAllScores() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray targets = m.create(new float[] {-1f, 0f, 1f});
            assertEquals(0f, RewardTrainer.centredMse(m.create(new float[] {4f, 5f, 6f}), targets).getFloat(), 1e-6f);
            // scores (0, 0, 3) centre to (-1, -1, 2): errors 0, -1, 1
            assertEquals(2f / 3f, RewardTrainer.centredMse(m.create(new float[] {0f, 0f, 3f}), targets).getFloat(), 1e-6f);
        }
    }

    @Test
    void mirroringIsAnInvolutionThatMovesPixels() {
        float[] image = new float[3 * 32 * 32];
        image[32 * 5 + 2] = 255f; // channel 0, row 5, column 2
        float[] mirrored = RewardTrainer.maybeMirror(image, 32, true);
        assertEquals(255f, mirrored[32 * 5 + 29]);
        assertNotEquals(image[32 * 5 + 2], mirrored[32 * 5 + 2]);
        assertArrayEquals(image, RewardTrainer.maybeMirror(mirrored, 32, true));
        assertArrayEquals(image, RewardTrainer.maybeMirror(image, 32, false));
    }

    /**
     * With validation pairs the model ends with the weights of the epoch that scored best on them: its accuracy on
     * them afterwards is that epoch's, even when later epochs scored lower. Labels here are coin flips, so the
     * validation score wanders from epoch to epoch and the best epoch is rarely the last.
     */
    @Test
    void endsWithTheEpochThatScoredBestOnValidation() {
        Random random = new Random(12);
        List<float[]> images = ads(120, random, new ArrayList<>());
        List<RewardExample> train = new ArrayList<>();
        List<RewardExample> validation = new ArrayList<>();
        for (int i = 0; i < 120; i += 2) {
            (i < 80 ? train : validation).add(new RewardExample(i, i + 1, random.nextInt(2), 0.02f, 0.02f, "lamp"));
        }
        try (RewardModel model = RewardModel.create(new RewardModelConfig(32, 4, 16, List.of("lamp"), 4, RewardModelConfig.REGIONS), 1)) {
            TrainingState state = new RewardTrainer(model, new RewardTrainer.Settings(8, 8, 3e-3, 2), CheckpointSink.none())
                    .train(images, train, List.of(), validation, List.of(), ResumeFromCheckpointTest.quiet());
            int selected = RewardTrainer.selectedEpoch(state);
            double best = state.history().stream().mapToDouble(h -> h.get("validationAccuracy")).max().orElseThrow();
            assertEquals(best, state.history().get(selected - 1).get("validationAccuracy"));
            assertEquals(best, RewardTrainer.accuracy(model, images, validation), 1e-9);
            assertTrue(selected < 8 || best == state.last("validationAccuracy"), "selected epoch " + selected);
        }
    }

    /** Without validation pairs the last epoch is kept, as before. */
    @Test
    void withoutValidationTheLastEpochIsKept() {
        TrainingState state = TrainingState.start().next(java.util.Map.of("loss", 1.0)).next(java.util.Map.of("loss", 0.5));
        assertEquals(2, RewardTrainer.selectedEpoch(state));
        TrainingState scored = TrainingState.start().next(java.util.Map.of("validationAccuracy", 0.6))
                .next(java.util.Map.of("validationAccuracy", 0.7)).next(java.util.Map.of("validationAccuracy", 0.7))
                .next(java.util.Map.of("validationAccuracy", 0.5));
        assertEquals(2, RewardTrainer.selectedEpoch(scored), "the best, the earliest on ties");
    }

    /**
     * The scene head learns to name what an image shows from exact labels (here: whether the background is warm or
     * cool), while the pairs teach nothing (coin-flip labels).
     */
    @Test
    void theSceneHeadLearnsWhatTheImagesShow() {
        TrainingState state = trainOnWarmthScenes(20, RewardTrainer.DEFAULT_SCENE_PASSES);
        double first = state.history().get(0).get("sceneLoss");
        double last = state.last("sceneLoss");
        assertTrue(last < 0.5 * first, "scene loss " + first + " -> " + last);
    }

    @Test
    void morePassesOverTheRenderersAdsBeforeTheClicksTeachTheSceneHeadMore() {
        double one = trainOnWarmthScenes(1, 1).history().get(0).get("sceneLossBeforeClicks");
        double many = trainOnWarmthScenes(1, 24).history().get(0).get("sceneLossBeforeClicks");
        assertTrue(many < 0.7 * one, "scene loss before the clicks: 1 pass " + one + ", 24 passes " + many);
    }

    /**
     * 64 ads labelled warm or cool for the scene head (a third value never shown), and 16 pairs with coin-flip labels
     * that teach nothing; trained for {@code epochs} after {@code scenePasses} passes over the labelled ads.
     */
    private static TrainingState trainOnWarmthScenes(int epochs, int scenePasses) {
        Random random = new Random(14);
        List<Double> warmth = new ArrayList<>();
        List<float[]> images = ads(96, random, warmth);
        List<SceneExample> scenes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            scenes.add(new SceneExample(i, new float[] {warmth.get(i) > 0.5 ? 1f : 0f, warmth.get(i) > 0.5 ? 0f : 1f, 0f}));
        }
        List<RewardExample> pairs = new ArrayList<>();
        for (int i = 64; i < 96; i += 2) {
            pairs.add(new RewardExample(i, i + 1, random.nextInt(2), 0.02f, 0.02f, "lamp"));
        }
        try (RewardModel model = RewardModel.create(new RewardModelConfig(32, 4, 16, List.of("lamp"), 4, RewardModelConfig.REGIONS, 3, RewardModelConfig.PATCH_TRUNK), 1)) {
            return new RewardTrainer(model, new RewardTrainer.Settings(epochs, 8, 3e-3, 2, 0, 1.0, scenePasses), CheckpointSink.none())
                    .train(images, pairs, List.of(), scenes, List.of(), List.of(), ResumeFromCheckpointTest.quiet());
        }
    }

    @Test
    void binaryCrossEntropyIsFiniteForLargeLogitsAndMatchesTheDefinition() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            float bce = RewardTrainer.binaryCrossEntropy(m.create(new float[] {0f, 2f, -200f}), m.create(new float[] {1f, 0f, 0f})).getFloat();
            double expected = (Math.log(2) + Math.log(1 + Math.exp(2)) + 0) / 3;
            assertEquals(expected, bce, 1e-5);
        }
    }
}

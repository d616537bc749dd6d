package dev.caig.runtime.train;

import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.PromptModelTestAccess;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.RewardModelConfig;
import dev.caig.runtime.model.TinyModels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcpoTrainerTest {
    private static final List<PcpoTrainer.Product> PRODUCTS = List.of(
            new PcpoTrainer.Product("a", "rose hand cream", TinyModels.image(1, 16)),
            new PcpoTrainer.Product("b", "steel desk lamp", TinyModels.image(2, 16)));
    private static final PcpoTrainer.Settings SETTINGS = new PcpoTrainer.Settings(1, 2, 3, 1.0, 1.0, 0.5f, 1f, 0.5f,
            1e-3, 2, 1, 0.75, 4, 1f, 5, false);

    @Test
    void samplesTheRendererCannotDrawNeverReachTheRewardModelNorTheLoss() throws Exception {
        List<String> asked = new ArrayList<>();
        List<String> rendered = new ArrayList<>();
        try (PromptModel policy = TinyModels.promptModel(31); PromptModel reference = policy.frozenCopy();
             RewardModel rm = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            float[] before = PromptModelTestAccess.logProbs(policy);
            TrainingState state = new PcpoTrainer(policy, reference, rm, (id, d) -> {
                rendered.add(d);
                return ResumeFromCheckpointTest.render(id, d);
            }, SETTINGS, CheckpointSink.none(), d -> {
                asked.add(d);
                return false;
            }).train(PRODUCTS, ResumeFromCheckpointTest.quiet());
            assertFalse(asked.isEmpty(), "every sample goes through the filter");
            assertTrue(rendered.isEmpty(), "nothing the renderer cannot draw is rendered or scored");
            assertEquals(0.0, state.history().get(0).get("pairs"));
            assertEquals(2.0, state.history().get(0).get("skippedProducts"));
            assertArrayEquals(before, PromptModelTestAccess.logProbs(policy), "no pairs, no update");
        }
    }

    @Test
    void drawableSamplesAreTrainedOn() throws Exception {
        try (PromptModel policy = TinyModels.promptModel(31); PromptModel reference = policy.frozenCopy();
             RewardModel rm = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            float[] before = PromptModelTestAccess.logProbs(policy);
            TrainingState state = new PcpoTrainer(policy, reference, rm, ResumeFromCheckpointTest::render, SETTINGS,
                    CheckpointSink.none(), d -> true).train(PRODUCTS, ResumeFromCheckpointTest.quiet());
            assertTrue(state.history().get(0).get("pairs") > 0);
            assertFalse(java.util.Arrays.equals(before, PromptModelTestAccess.logProbs(policy)));
        }
    }

    @Test
    void thePretrainingMixTrainsOnEachIterationsPretrainingExamples() throws Exception {
        PcpoTrainer.Settings mixed = new PcpoTrainer.Settings(2, 2, 3, 1.0, 1.0, 0.5f, 1f, 0.5f, 1e-3, 2, 1, 0.75, 4,
                1f, 5, false, PcpoTrainer.Objective.PREFERENCE, false, new PcpoTrainer.Anchors(0f, 0.5f));
        List<Integer> asked = new ArrayList<>();
        try (PromptModel policy = TinyModels.promptModel(31); PromptModel reference = policy.frozenCopy();
             RewardModel rm = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            TrainingState state = new PcpoTrainer(policy, reference, rm, ResumeFromCheckpointTest::render, mixed,
                    CheckpointSink.none(), d -> true, iteration -> {
                        asked.add(iteration);
                        return List.of(new PromptExample(TinyModels.image(3, 16),
                                "<image> write a background for the product : rose hand cream", "wooden table , soft light"));
                    }).train(PRODUCTS, ResumeFromCheckpointTest.quiet());
            assertEquals(List.of(0, 1), asked, "one pool of pre-training examples per iteration");
            for (var iteration : state.history()) {
                assertTrue(iteration.get("pretrainMix") > 0, "the mix's loss is in the iteration's metrics: " + iteration);
            }
        }
        try (PromptModel policy = TinyModels.promptModel(31); PromptModel reference = policy.frozenCopy();
             RewardModel rm = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            TrainingState state = new PcpoTrainer(policy, reference, rm, ResumeFromCheckpointTest::render, SETTINGS,
                    CheckpointSink.none(), d -> true, iteration -> {
                        throw new AssertionError("weight 0 needs no pre-training examples");
                    }).train(PRODUCTS, ResumeFromCheckpointTest.quiet());
            assertFalse(state.history().get(0).containsKey("pretrainMix"));
        }
    }

    @Test
    void aRefreshedReferenceIsThePolicyAsTheLastIterationStarted() throws Exception {
        float[] pretrained;
        float[] afterOneIteration;
        try (PromptModel policy = TinyModels.promptModel(31); PromptModel reference = policy.frozenCopy();
             RewardModel rm = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            pretrained = PromptModelTestAccess.logProbs(policy);
            new PcpoTrainer(policy, reference, rm, ResumeFromCheckpointTest::render, refreshing(1, true),
                    CheckpointSink.none(), d -> true).train(PRODUCTS, ResumeFromCheckpointTest.quiet());
            afterOneIteration = PromptModelTestAccess.logProbs(policy);
            assertArrayEquals(pretrained, PromptModelTestAccess.logProbs(reference), "iteration 1's reference is the start");
        }
        assertFalse(java.util.Arrays.equals(pretrained, afterOneIteration));
        for (boolean refresh : new boolean[] {true, false}) {
            try (PromptModel policy = TinyModels.promptModel(31); PromptModel reference = policy.frozenCopy();
                 RewardModel rm = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
                new PcpoTrainer(policy, reference, rm, ResumeFromCheckpointTest::render, refreshing(2, refresh),
                        CheckpointSink.none(), d -> true).train(PRODUCTS, ResumeFromCheckpointTest.quiet());
                assertArrayEquals(refresh ? afterOneIteration : pretrained, PromptModelTestAccess.logProbs(reference),
                        refresh ? "iteration 2's reference is the policy after iteration 1" : "the paper's reference stays fixed");
            }
        }
    }

    private static PcpoTrainer.Settings refreshing(int iterations, boolean refresh) {
        return new PcpoTrainer.Settings(iterations, 2, 3, 1.0, 1.0, 0.5f, 1f, 0.5f, 1e-3, 2, 1, 0.75, 4, 1f, 5, false,
                PcpoTrainer.Objective.PREFERENCE, false, new PcpoTrainer.Anchors(0f, 0f, refresh));
    }

    @Test
    void withTheRandomChooserTheRewardModelDoesNotDecideAnything() throws Exception {
        PcpoTrainer.Settings random = new PcpoTrainer.Settings(2, 2, 3, 1.0, 1.0, 0.5f, 1f, 0.5f, 1e-3, 2, 1, 0.75, 4,
                1f, 5, true);
        float[][] policies = new float[2][];
        for (int rmSeed = 0; rmSeed < 2; rmSeed++) {
            try (PromptModel policy = TinyModels.promptModel(31); PromptModel reference = policy.frozenCopy();
                 RewardModel rm = RewardModel.create(new RewardModelConfig(32, 4, 8), 100 + rmSeed)) {
                TrainingState state = new PcpoTrainer(policy, reference, rm, ResumeFromCheckpointTest::render, random,
                        CheckpointSink.none(), d -> true).train(PRODUCTS, ResumeFromCheckpointTest.quiet());
                assertTrue(state.history().get(0).get("pairs") > 0);
                policies[rmSeed] = PromptModelTestAccess.logProbs(policy);
            }
        }
        assertArrayEquals(policies[0], policies[1], "two different reward models, the same training");
    }

    @Test
    void bestOfNDistillationTrainsOnTheChosenAloneNotOnPairs() throws Exception {
        PcpoTrainer.Settings distil = new PcpoTrainer.Settings(1, 2, 3, 1.0, 1.0, 0.5f, 1f, 0.5f, 1e-3, 2, 1, 0.75, 4,
                1f, 5, false, PcpoTrainer.Objective.BEST_OF_N, false, PcpoTrainer.Anchors.NONE);
        float[] preference;
        try (PromptModel policy = TinyModels.promptModel(31); PromptModel reference = policy.frozenCopy();
             RewardModel rm = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            new PcpoTrainer(policy, reference, rm, ResumeFromCheckpointTest::render, SETTINGS, CheckpointSink.none(),
                    d -> true).train(PRODUCTS, ResumeFromCheckpointTest.quiet());
            preference = PromptModelTestAccess.logProbs(policy);
        }
        try (PromptModel policy = TinyModels.promptModel(31); PromptModel reference = policy.frozenCopy();
             RewardModel rm = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            float[] before = PromptModelTestAccess.logProbs(policy);
            TrainingState state = new PcpoTrainer(policy, reference, rm, ResumeFromCheckpointTest::render, distil,
                    CheckpointSink.none(), d -> true).train(PRODUCTS, ResumeFromCheckpointTest.quiet());
            var metrics = state.history().get(0);
            assertTrue(metrics.get("pairs") > 0);
            assertTrue(Double.isFinite(metrics.get("loss")) && metrics.get("loss") > 0, metrics.toString());
            assertFalse(metrics.containsKey("dpoLoss"), "no preference loss in distillation: " + metrics);
            float[] after = PromptModelTestAccess.logProbs(policy);
            assertFalse(java.util.Arrays.equals(before, after), "the policy was trained");
            assertFalse(java.util.Arrays.equals(preference, after), "a different objective from the same samples");
        }
    }
}

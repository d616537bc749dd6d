package dev.caig.runtime.train;

import ai.djl.ndarray.NDManager;
import dev.caig.runtime.model.ImageTensors;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.TinyModels;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The invariants METHOD.md section 4 lists for DPO + the product-centric loss. */
class PreferenceTrainerTest {
    private static final String X = "<image> write a background for the product : rose hand cream";
    private static final String OTHER_X = "<image> write a background for the product : steel desk lamp";
    private static final String CHOSEN = "marble surface , bathroom shelf , soft daylight";
    private static final String REJECTED = "concrete floor , studio backdrop , neon light";
    private static final String OTHER_CHOSEN = "wooden table , kitchen counter , warm lamp";

    private static List<PreferencePair> pairs() {
        float[] image = TinyModels.image(1, 16);
        float[] other = TinyModels.image(2, 16);
        return List.of(
                new PreferencePair(image, X, CHOSEN, REJECTED, new dev.caig.runtime.model.PatchMasker(4, 0.75)
                        .mask(image, 16, new java.util.Random(3)), X, CHOSEN),
                new PreferencePair(other, OTHER_X, OTHER_CHOSEN, CHOSEN, other, X, CHOSEN));
    }

    @Test
    void lossesAreExactlyLn2WhenPolicyEqualsReference() throws Exception {
        try (PromptModel policy = TinyModels.promptModel(11); PromptModel reference = policy.frozenCopy()) {
            PreferenceStepResult r = trainer(policy, reference,
                    new PreferenceTrainer.Settings(0.5f, 0.5f, 1f)).evaluate(pairs());
            assertEquals(Math.log(2), r.dpoLoss(), 1e-6);
            assertEquals(Math.log(2), r.pcLoss(), 1e-6);
            assertEquals(0.0, r.rewardMargin(), 1e-6);
        }
    }

    @Test
    void aDpoStepRaisesChosenOverRejectedAndLeavesTheReferenceUntouched() throws Exception {
        try (PromptModel policy = TinyModels.promptModel(12); PromptModel reference = policy.frozenCopy()) {
            float[] referenceBefore = answerLogProbs(reference);
            float[] before = answerLogProbs(policy);
            PreferenceTrainer trainer = trainer(policy, reference, new PreferenceTrainer.Settings(0.5f, 0.5f, 0f));
            trainer.step(pairs().subList(0, 1));
            float[] after = answerLogProbs(policy);
            assertTrue(after[0] - after[1] > before[0] - before[1],
                    "lp(y_w) - lp(y_l) went from " + (before[0] - before[1]) + " to " + (after[0] - after[1]));
            assertArrayEquals(referenceBefore, answerLogProbs(reference), "reference must stay bit-identical");
            assertTrue(trainer.evaluate(pairs().subList(0, 1)).dpoLoss() < Math.log(2));
        }
    }

    @Test
    void plainDpoHasNoProductCentricTerm() throws Exception {
        try (PromptModel policy = TinyModels.promptModel(13); PromptModel reference = policy.frozenCopy()) {
            PreferenceStepResult r = trainer(policy, reference,
                    new PreferenceTrainer.Settings(0.5f, 0.5f, 0f)).evaluate(pairs());
            assertEquals(0.0, r.pcLoss(), 0.0);
            assertEquals(r.dpoLoss(), r.loss(), 1e-6);
        }
    }

    @Test
    void theChosenNllAnchorAddsItsWeightTimesTheChosenMeanTokenNll() throws Exception {
        try (PromptModel policy = TinyModels.promptModel(14); PromptModel reference = policy.frozenCopy()) {
            PreferenceStepResult paper = trainer(policy, reference,
                    new PreferenceTrainer.Settings(0.5f, 0.5f, 1f)).evaluate(pairs());
            PreferenceStepResult anchored = trainer(policy, reference,
                    new PreferenceTrainer.Settings(0.5f, 0.5f, 1f, 2f, 0f)).evaluate(pairs());
            // the pairs' chosen answers, scored on their own: -lp / token count, averaged over the two pairs
            List<PreferencePair> pairs = pairs();
            double expected = 0;
            for (PreferencePair p : pairs) {
                var encoded = policy.encoder().encode(p.instruction(), p.chosen());
                double tokens = java.util.Arrays.stream(encoded.answerMask()).sum();
                try (NDManager scratch = policy.manager().newSubManager()) {
                    float lp = policy.answerLogProb(new ParameterStore(policy.manager(), false),
                            ImageTensors.batch(scratch, List.of(p.image()), 16, 16), List.of(encoded), false).getFloat();
                    expected += 2.0 * -lp / tokens / pairs.size();
                }
            }
            assertTrue(expected > 0);
            assertEquals(expected, anchored.chosenNll(), 1e-4);
            assertEquals(paper.loss() + expected, anchored.loss(), 1e-4);
            assertEquals(paper.dpoLoss(), anchored.dpoLoss(), 1e-6);
            assertEquals(paper.pcLoss(), anchored.pcLoss(), 1e-6);
            assertEquals(0.0, paper.chosenNll(), 0.0);
        }
    }

    @Test
    void aZeroNllWeightIsThePapersStepBitForBit() throws Exception {
        float[] paper = afterOneStep(15, new PreferenceTrainer.Settings(0.5f, 0.5f, 1f));
        float[] zero = afterOneStep(15, new PreferenceTrainer.Settings(0.5f, 0.5f, 1f, 0f, 0f));
        float[] anchored = afterOneStep(15, new PreferenceTrainer.Settings(0.5f, 0.5f, 1f, 1f, 0f));
        assertArrayEquals(paper, zero);
        assertTrue(java.util.Arrays.equals(paper, anchored) == false, "a weighted anchor must change the step");
    }

    @Test
    void aHeavyAnchorRaisesTheChosenLikelihoodWherePlainDpoNeedNot() throws Exception {
        float[] start = afterSteps(16, new PreferenceTrainer.Settings(0.5f, 0.5f, 0f), 0);
        float[] anchored = afterSteps(16, new PreferenceTrainer.Settings(0.5f, 0.5f, 0f, 10f, 0f), 5);
        float[] plain = afterSteps(16, new PreferenceTrainer.Settings(0.5f, 0.5f, 0f), 5);
        assertTrue(anchored[0] > start[0], "lp(y_w) went from " + start[0] + " to " + anchored[0]);
        assertTrue(anchored[0] > plain[0], "anchored lp(y_w) " + anchored[0] + ", plain DPO " + plain[0]);
    }

    @Test
    void thePretrainingMixAddsItsWeightTimesTheAnchorBatchsCrossEntropy() throws Exception {
        List<PromptExample> anchor = List.of(
                new PromptExample(TinyModels.image(3, 16), X, OTHER_CHOSEN),
                new PromptExample(TinyModels.image(4, 16), "<image> write the title of the product", "rose hand cream"));
        try (PromptModel policy = TinyModels.promptModel(17); PromptModel reference = policy.frozenCopy()) {
            PreferenceStepResult paper = trainer(policy, reference,
                    new PreferenceTrainer.Settings(0.5f, 0.5f, 1f)).evaluate(pairs(), anchor);
            PreferenceStepResult mixed = trainer(policy, reference,
                    new PreferenceTrainer.Settings(0.5f, 0.5f, 1f, 0f, 0.25f)).evaluate(pairs(), anchor);
            float crossEntropy;
            try (dev.caig.runtime.model.NoGrad ignored = dev.caig.runtime.model.NoGrad.enter();
                 NDManager scratch = policy.manager().newSubManager()) {
                crossEntropy = AnswerCrossEntropy.loss(policy, new ParameterStore(policy.manager(), false), scratch, anchor, false)
                        .getFloat();
            }
            assertTrue(crossEntropy > 0);
            assertEquals(0.25 * crossEntropy, mixed.pretrainMix(), 1e-5);
            assertEquals(paper.loss() + 0.25 * crossEntropy, mixed.loss(), 1e-4);
            assertEquals(0.0, paper.pretrainMix(), 0.0, "weight 0 ignores the anchor batch");
        }
    }

    @Test
    void aZeroMixWeightIgnoresTheAnchorBatchBitForBit() throws Exception {
        List<PromptExample> anchor = List.of(new PromptExample(TinyModels.image(3, 16), X, OTHER_CHOSEN));
        try (PromptModel a = TinyModels.promptModel(18); PromptModel aRef = a.frozenCopy();
             PromptModel b = TinyModels.promptModel(18); PromptModel bRef = b.frozenCopy()) {
            trainer(a, aRef, new PreferenceTrainer.Settings(0.5f, 0.5f, 1f)).step(pairs());
            trainer(b, bRef, new PreferenceTrainer.Settings(0.5f, 0.5f, 1f, 0f, 0f)).step(pairs(), anchor);
            assertArrayEquals(answerLogProbs(a), answerLogProbs(b));
        }
    }

    /** A trainer of {@code policy} against {@code reference} with AdamW at a constant learning rate of 1e-3. */
    private static PreferenceTrainer trainer(PromptModel policy, PromptModel reference,
                                             PreferenceTrainer.Settings settings) {
        return new PreferenceTrainer(policy, reference,
                new AdamW(policy.block(), policy.manager(), LearningRateSchedule.constant(1e-3), 0f, 1f), settings);
    }

    /** [lp(chosen), lp(rejected)] of the first pair after one step on both pairs. */
    private static float[] afterOneStep(int seed, PreferenceTrainer.Settings settings) throws Exception {
        return afterSteps(seed, settings, 1);
    }

    private static float[] afterSteps(int seed, PreferenceTrainer.Settings settings, int steps) throws Exception {
        try (PromptModel policy = TinyModels.promptModel(seed); PromptModel reference = policy.frozenCopy()) {
            PreferenceTrainer trainer = trainer(policy, reference, settings);
            for (int i = 0; i < steps; i++) {
                trainer.step(pairs());
            }
            return answerLogProbs(policy);
        }
    }

    /** [lp(chosen), lp(rejected)] of the first pair. */
    private static float[] answerLogProbs(PromptModel model) {
        try (NDManager scratch = model.manager().newSubManager()) {
            float[] image = TinyModels.image(1, 16);
            return model.answerLogProb(new ParameterStore(model.manager(), false),
                    ImageTensors.batch(scratch, List.of(image, image), 16, 16),
                    List.of(model.encoder().encode(X, CHOSEN), model.encoder().encode(X, REJECTED)), false).toFloatArray();
        }
    }
}

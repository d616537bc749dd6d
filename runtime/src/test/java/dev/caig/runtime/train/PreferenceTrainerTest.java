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
            AdamW optimizer = new AdamW(policy.block(), policy.manager(), LearningRateSchedule.constant(1e-3), 0f, 1f);
            PreferenceStepResult r = new PreferenceTrainer(policy, reference, optimizer,
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
            AdamW optimizer = new AdamW(policy.block(), policy.manager(), LearningRateSchedule.constant(1e-3), 0f, 1f);
            PreferenceTrainer trainer = new PreferenceTrainer(policy, reference, optimizer,
                    new PreferenceTrainer.Settings(0.5f, 0.5f, 0f));
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
            AdamW optimizer = new AdamW(policy.block(), policy.manager(), LearningRateSchedule.constant(1e-3), 0f, 1f);
            PreferenceStepResult r = new PreferenceTrainer(policy, reference, optimizer,
                    new PreferenceTrainer.Settings(0.5f, 0.5f, 0f)).evaluate(pairs());
            assertEquals(0.0, r.pcLoss(), 0.0);
            assertEquals(r.dpoLoss(), r.loss(), 1e-6);
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

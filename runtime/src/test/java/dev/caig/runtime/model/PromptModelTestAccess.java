package dev.caig.runtime.model;

/** Lets tests in other packages read a model's answer log-probabilities on a fixed input. */
public final class PromptModelTestAccess {
    private PromptModelTestAccess() {
    }

    public static float[] logProbs(PromptModel model) {
        return PromptModelTest.logProbs(model);
    }
}

package dev.caig.runtime.serve;

import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.SamplingOptions;

/** The two models a server answers with, loaded and verified, and what to report about them. */
public record LoadedModels(PromptModel policy, RewardModel reward, SamplingOptions sampling, ModelInfo info)
        implements AutoCloseable {

    @Override
    public void close() {
        policy.close();
        reward.close();
    }
}

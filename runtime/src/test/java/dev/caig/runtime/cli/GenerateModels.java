package dev.caig.runtime.cli;

import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.RewardModelConfig;
import dev.caig.runtime.model.TinyModels;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.LocalArtifactStore;

import java.nio.file.Path;
import java.util.Map;

/** A tiny random policy and reward model published as artifacts, for the generate commands' tests. */
record GenerateModels(String policy, String reward) {

    static GenerateModels publishUnder(Path dir) throws java.io.IOException {
        try (ArtifactStore store = new LocalArtifactStore();
             PromptModel p = TinyModels.promptModel(11);
             RewardModel r = RewardModel.create(new RewardModelConfig(32, 4, 8), 12)) {
            Path policyDir = dir.resolve("policy");
            Path rewardDir = dir.resolve("reward");
            p.save(policyDir);
            r.save(rewardDir);
            store.publish(policyDir, ArtifactUri.local(policyDir), "prompt-model", "test", Map.of(), Map.of());
            store.publish(rewardDir, ArtifactUri.local(rewardDir), "reward-model", "test", Map.of(), Map.of());
            return new GenerateModels(policyDir.toString(), rewardDir.toString());
        }
    }
}

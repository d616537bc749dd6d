package dev.caig.runtime.serve;

import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.RewardModelConfig;
import dev.caig.runtime.model.SamplingOptions;
import dev.caig.runtime.model.TinyModels;
import dev.caig.runtime.text.InstructionTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Chunked sampling gives the same answer whether a helper thread takes chunks in parallel or not. */
class ChunkedSamplerTest {

    @Test
    void theAnswerDoesNotDependOnWhetherAHelperRan(@TempDir Path dir) throws Exception {
        try (PromptModel tiny = TinyModels.promptModel(21)) {
            tiny.save(dir.resolve("policy"));
        }
        List<LoadedModels.Replica> copies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            copies.add(new LoadedModels.Replica(PromptModel.load(dir.resolve("policy")),
                    RewardModel.create(new RewardModelConfig(32, 4, 8), 1)));
        }
        SamplingOptions sampling = new SamplingOptions(1.0, 1.0, 12);
        ExecutorService helpers = Executors.newCachedThreadPool();
        try (LoadedModels models = new LoadedModels(copies, sampling, null)) {
            float[] image = TinyModels.image(3, 16);
            String instruction = InstructionTemplates.backgroundFor("steel desk lamp");
            long[] seeds = CandidateSeeds.derive(77, 5);
            ChunkedSampler sampler = new ChunkedSampler(models, helpers);

            List<String> parallel = sampler.sample(image, instruction, seeds); // both copies idle: a helper runs

            LoadedModels.Replica held = models.tryBorrow().orElseThrow(); // no spare copy now: no helper
            List<String> alone;
            try {
                alone = sampler.sample(image, instruction, seeds);
            } finally {
                models.giveBack(held);
            }
            assertEquals(parallel, alone);

            List<String> byChunks = new ArrayList<>();
            PromptModel policy = copies.get(0).policy();
            for (int from = 0; from < seeds.length; from += ChunkedSampler.CHUNK) {
                int n = Math.min(ChunkedSampler.CHUNK, seeds.length - from);
                byChunks.addAll(policy.generate(Collections.nCopies(n, image), Collections.nCopies(n, instruction), sampling,
                        Arrays.copyOfRange(seeds, from, from + n)));
            }
            assertEquals(byChunks, parallel, "the chunks are fixed batches of " + ChunkedSampler.CHUNK);
            assertEquals(5, parallel.size());
        } finally {
            helpers.shutdownNow();
        }
    }
}

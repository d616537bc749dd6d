package dev.caig.runtime.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.caig.runtime.train.AdamW;
import dev.caig.runtime.train.LearningRateSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptModelTest {
    private static final String INSTRUCTION = "<image> write a background for the product : rose hand cream";
    private static final String ANSWER = "marble surface , bathroom shelf , soft daylight , pastel pink tones";

    @Test
    void imageTokensAreSplicedWhereThePlaceholderStands() {
        try (PromptModel model = TinyModels.promptModel(1)) {
            EncodedPrompt p = model.encoder().encode(INSTRUCTION, ANSWER);
            int imageTokens = model.config().imageTokens();
            assertEquals(-1, p.slots()[0], "position 0 is <bos>, a text position");
            for (int i = 0; i < imageTokens; i++) {
                assertEquals(i, p.slots()[1 + i]);
            }
            assertEquals(-1, p.slots()[1 + imageTokens]);
            int answerTokens = java.util.Arrays.stream(p.answerMask()).sum();
            assertEquals(model.vocabulary().encode(ANSWER).length + 1, answerTokens, "answer + <eos>");
        }
    }

    @Test
    void overfitsOneExampleAndGeneratesItGreedily() {
        try (PromptModel model = TinyModels.promptModel(2)) {
            AdamW optimizer = new AdamW(model.block(), model.manager(), LearningRateSchedule.constant(3e-3), 0f, 1f);
            ParameterStore ps = new ParameterStore(model.manager(), false);
            float first = 0;
            float last = 0;
            for (int step = 0; step < 120; step++) {
                try (NDManager scratch = model.manager().newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray images = ImageTensors.batch(scratch, List.of(TinyModels.image(1, 16)), 16, 16);
                    var batch = PromptEncoder.batch(scratch, List.of(model.encoder().encode(INSTRUCTION, ANSWER)), 0);
                    NDArray logits = model.logits(ps, batch.get(0), images, batch.get(1), true);
                    NDArray loss = SequenceScores.answerCrossEntropy(logits, batch.get(0), batch.get(2));
                    gc.backward(loss);
                    last = loss.getFloat();
                    if (step == 0) {
                        first = last;
                    }
                }
                optimizer.step();
            }
            assertTrue(last < first * 0.05, "loss fell from " + first + " to " + last);
            List<String> out = model.generate(List.of(TinyModels.image(1, 16)), List.of(INSTRUCTION),
                    SamplingOptions.greedy(14), new long[] {0});
            assertEquals(ANSWER.replace(" ,", ","), out.get(0));
        }
    }

    @Test
    void samplingIsReproducibleForASeedAndIndependentOfTheBatch() {
        try (PromptModel model = TinyModels.promptModel(3)) {
            SamplingOptions options = new SamplingOptions(1.0, 0.95, 10);
            List<String> alone = model.generate(List.of(TinyModels.image(5, 16)), List.of(INSTRUCTION), options, new long[] {42});
            List<String> batched = model.generate(List.of(TinyModels.image(6, 16), TinyModels.image(5, 16)),
                    List.of(INSTRUCTION, INSTRUCTION), options, new long[] {7, 42});
            assertEquals(alone.get(0), batched.get(1));
            List<String> otherSeed = model.generate(List.of(TinyModels.image(5, 16), TinyModels.image(5, 16),
                    TinyModels.image(5, 16)), List.of(INSTRUCTION, INSTRUCTION, INSTRUCTION), options, new long[] {1, 2, 3});
            assertTrue(otherSeed.stream().distinct().count() > 1, "an untrained model at temperature 1 varies: " + otherSeed);
        }
    }

    @Test
    void reloadsToBitIdenticalOutputs(@TempDir Path dir) throws Exception {
        try (PromptModel model = TinyModels.promptModel(4)) {
            model.save(dir);
            try (PromptModel reloaded = PromptModel.load(dir)) {
                assertArrayEquals(logProbs(model), logProbs(reloaded));
            }
        }
    }

    static float[] logProbs(PromptModel model) {
        try (NDManager scratch = model.manager().newSubManager()) {
            NDArray images = ImageTensors.batch(scratch, List.of(TinyModels.image(9, 16)), 16, 16);
            return model.answerLogProb(new ParameterStore(model.manager(), false), images,
                    List.of(model.encoder().encode(INSTRUCTION, ANSWER)), false).toFloatArray();
        }
    }
}

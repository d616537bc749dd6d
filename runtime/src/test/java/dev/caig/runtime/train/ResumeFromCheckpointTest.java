package dev.caig.runtime.train;

import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.RewardModelConfig;
import dev.caig.runtime.model.TinyModels;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.text.InstructionTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stage killed after a checkpoint and re-run ends with exactly the result of an uninterrupted run. */
class ResumeFromCheckpointTest {
    private static final List<String> DESCRIPTIONS = List.of(
            "marble surface , bathroom shelf , soft daylight , pastel pink tones",
            "wooden table , kitchen counter , warm lamp , fruit , cozy",
            "concrete floor , studio backdrop , neon light , cool blue tones");

    static Progress quiet() {
        return new Progress("test", 1, "step", Progress.Mode.QUIET, new PrintStream(OutputStream.nullOutputStream()));
    }

    /** Fails (as a killed pod would stop) right after saving the given number of checkpoints. */
    static final class KilledAfter implements CheckpointSink {
        private final CheckpointSink inner;
        private int remaining;

        KilledAfter(CheckpointSink inner, int saves) {
            this.inner = inner;
            this.remaining = saves;
        }

        @Override
        public Optional<Path> latest() {
            return inner.latest();
        }

        @Override
        public void save(Path dir) {
            inner.save(dir);
            if (--remaining == 0) {
                throw new IllegalStateException("killed");
            }
        }
    }

    static List<PromptExample> examples(int epoch) {
        Random random = new Random(100 + epoch);
        List<PromptExample> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            out.add(new PromptExample(TinyModels.image(i % 3, 16),
                    InstructionTemplates.backgroundFor("rose hand cream", random),
                    DESCRIPTIONS.get(random.nextInt(DESCRIPTIONS.size()))));
        }
        return out;
    }

    @Test
    void pretrainingResumesToTheSameWeights(@TempDir Path dir) throws Exception {
        PretrainTrainer.Settings settings = new PretrainTrainer.Settings(3, 4, 3e-3, 9);
        float[] uninterrupted;
        try (PromptModel model = TinyModels.promptModel(21)) {
            TrainingState s = new PretrainTrainer(model, settings, CheckpointSink.none()).train(ResumeFromCheckpointTest::examples, quiet());
            assertEquals(3, s.completed());
            uninterrupted = dev.caig.runtime.model.PromptModelTestAccess.logProbs(model);
        }
        DirectoryCheckpointSink sink = new DirectoryCheckpointSink(dir);
        try (PromptModel model = TinyModels.promptModel(21)) {
            assertThrows(IllegalStateException.class, () -> new PretrainTrainer(model, settings, new KilledAfter(sink, 2))
                    .train(ResumeFromCheckpointTest::examples, quiet()));
        }
        try (PromptModel model = TinyModels.promptModel(99)) { // different init: everything must come from the checkpoint
            TrainingState s = new PretrainTrainer(model, settings, sink).train(ResumeFromCheckpointTest::examples, quiet());
            assertEquals(3, s.completed());
            assertEquals(3, s.history().size());
            assertArrayEquals(uninterrupted, dev.caig.runtime.model.PromptModelTestAccess.logProbs(model));
        }
    }

    static BufferedImage render(String productId, String description) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(description.hashCode() & 0xFFFFFF));
        g.fillRect(0, 0, 32, 32);
        g.setColor(new Color(productId.hashCode() & 0xFFFFFF));
        g.fillRect(10, 10, 12, 12);
        g.dispose();
        return image;
    }

    @Test
    void pcpoResumesToTheSameWeights(@TempDir Path dir) throws Exception {
        List<PcpoTrainer.Product> products = List.of(
                new PcpoTrainer.Product("a", "rose hand cream", TinyModels.image(1, 16)),
                new PcpoTrainer.Product("b", "steel desk lamp", TinyModels.image(2, 16)),
                new PcpoTrainer.Product("c", "rose hand cream", TinyModels.image(3, 16)));
        PcpoTrainer.Settings settings = new PcpoTrainer.Settings(3, 2, 3, 1.0, 1.0, 0.5f, 1f, 0.5f, 1e-3, 2, 1,
                0.75, 4, 1f, 5, false);
        float[] uninterrupted;
        try (PromptModel policy = TinyModels.promptModel(31); PromptModel reference = policy.frozenCopy();
             RewardModel rm = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            TrainingState s = new PcpoTrainer(policy, reference, rm, ResumeFromCheckpointTest::render, settings, CheckpointSink.none())
                    .train(products, quiet());
            assertEquals(3, s.completed());
            assertEquals(2.0, s.history().get(0).get("products"));
            uninterrupted = dev.caig.runtime.model.PromptModelTestAccess.logProbs(policy);
        }
        DirectoryCheckpointSink sink = new DirectoryCheckpointSink(dir);
        try (PromptModel policy = TinyModels.promptModel(31); PromptModel reference = policy.frozenCopy();
             RewardModel rm = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            assertThrows(IllegalStateException.class, () -> new PcpoTrainer(policy, reference, rm,
                    ResumeFromCheckpointTest::render, settings, new KilledAfter(sink, 1)).train(products, quiet()));
        }
        try (PromptModel policy = TinyModels.promptModel(31); PromptModel reference = policy.frozenCopy();
             RewardModel rm = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            new PcpoTrainer(policy, reference, rm, ResumeFromCheckpointTest::render, settings, sink).train(products, quiet());
            assertArrayEquals(uninterrupted, dev.caig.runtime.model.PromptModelTestAccess.logProbs(policy));
        }
    }

    private static float[] weights(RewardModel model) {
        List<Float> all = new ArrayList<>();
        for (var p : model.block().getParameters()) {
            for (float v : p.getValue().getArray().toFloatArray()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    /**
     * A reward model killed after an epoch ends, once resumed, with the best epoch of the whole run, also when that
     * epoch came before the kill (its weights travel in the checkpoint).
     */
    @Test
    void rewardTrainingResumesToTheSameBestEpoch(@TempDir Path dir) throws Exception {
        Random random = new Random(5);
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            images.add(dev.caig.runtime.model.ImageTensors.rgb(render("p" + (i % 4), "d" + i), 32));
        }
        List<RewardExample> train = new ArrayList<>();
        List<RewardExample> validation = new ArrayList<>();
        for (int i = 0; i < 40; i += 2) {
            (i < 28 ? train : validation).add(new RewardExample(i, i + 1, random.nextInt(2), 0.02f, 0.02f, "lamp"));
        }
        RewardTrainer.Settings settings = new RewardTrainer.Settings(5, 4, 3e-3, 7);
        float[] uninterrupted;
        int selected;
        try (RewardModel model = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            TrainingState s = new RewardTrainer(model, settings, CheckpointSink.none())
                    .train(images, train, List.of(), validation, List.of(), quiet());
            selected = RewardTrainer.selectedEpoch(s);
            uninterrupted = weights(model);
        }
        DirectoryCheckpointSink sink = new DirectoryCheckpointSink(dir);
        try (RewardModel model = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            assertThrows(IllegalStateException.class, () -> new RewardTrainer(model, settings, new KilledAfter(sink, 3))
                    .train(images, train, List.of(), validation, List.of(), quiet()));
        }
        try (RewardModel model = RewardModel.create(new RewardModelConfig(32, 4, 8), 4)) {
            TrainingState s = new RewardTrainer(model, settings, sink).train(images, train, List.of(), validation, List.of(), quiet());
            assertEquals(selected, RewardTrainer.selectedEpoch(s));
            assertArrayEquals(uninterrupted, weights(model));
        }
    }

    @Test
    void checkpointStagingFoldersAreRemovedOnceTheSinkHasThem(@TempDir Path dir) throws Exception {
        List<Path> staged = new ArrayList<>();
        DirectoryCheckpointSink kept = new DirectoryCheckpointSink(dir);
        CheckpointSink recording = new CheckpointSink() {
            @Override
            public Optional<Path> latest() {
                return kept.latest();
            }

            @Override
            public void save(Path staging) {
                staged.add(staging);
                kept.save(staging);
            }
        };
        try (PromptModel model = TinyModels.promptModel(21)) {
            new PretrainTrainer(model, new PretrainTrainer.Settings(2, 4, 3e-3, 9), recording)
                    .train(ResumeFromCheckpointTest::examples, quiet());
        }
        assertEquals(2, staged.size());
        for (Path staging : staged) {
            assertFalse(java.nio.file.Files.exists(staging), "left behind: " + staging);
        }
        assertTrue(kept.latest().isPresent());
    }
}

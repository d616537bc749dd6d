package dev.caig.runtime.train;

import ai.djl.training.ParameterStore;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.progress.Progress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Pre-training of the prompt model: next-token cross-entropy on the answer tokens only (instruction and image
 * positions are masked out), one checkpoint per epoch. The examples of epoch e come from {@code examplesForEpoch},
 * which must be deterministic in e, so a resumed run sees exactly the data an uninterrupted one would.
 */
public final class PretrainTrainer {
    /** Epochs, batch size and learning rate (AdamW, cosine decay over the whole run, grad-norm clip 1.0). */
    public record Settings(int epochs, int batchSize, double learningRate, long seed) {
    }

    private final PromptModel model;
    private final Settings settings;
    private final CheckpointSink checkpoints;

    public PretrainTrainer(PromptModel model, Settings settings, CheckpointSink checkpoints) {
        this.model = model;
        this.settings = settings;
        this.checkpoints = checkpoints;
    }

    public TrainingState train(IntFunction<List<PromptExample>> examplesForEpoch, Progress progress) {
        int stepsPerEpoch = ceilDiv(examplesForEpoch.apply(0).size(), settings.batchSize());
        AdamW optimizer = new AdamW(model.block(), model.manager(),
                LearningRateSchedule.cosine(settings.learningRate(), Math.min(20, stepsPerEpoch),
                        (long) stepsPerEpoch * settings.epochs()), 0.01f, 1f);
        TrainingState state = CheckpointIO.restore(checkpoints, PromptModel::load, m -> m.block(), model.block(), optimizer,
                model.manager(), "pre-training");
        progress.advance(state.completed());
        ParameterStore ps = new ParameterStore(model.manager(), false);
        for (int epoch = state.completed(); epoch < settings.epochs(); epoch++) {
            List<PromptExample> examples = new ArrayList<>(examplesForEpoch.apply(epoch));
            Collections.shuffle(examples, new Random(settings.seed() * 1_000_003L + epoch));
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < examples.size(); from += settings.batchSize()) {
                List<PromptExample> batch = examples.subList(from, Math.min(examples.size(), from + settings.batchSize()));
                lossSum += step(ps, batch);
                optimizer.step();
                batches++;
            }
            state = state.next(Map.of("loss", lossSum / batches));
            CheckpointIO.save(checkpoints, model::save, optimizer, state, "pre-training");
            progress.advance(1, Map.of("loss", lossSum / batches));
        }
        return state;
    }

    private float step(ParameterStore ps, List<PromptExample> batch) {
        return AnswerCrossEntropy.backward(model, ps, batch);
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}

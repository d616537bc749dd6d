package dev.caig.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.caig.runtime.model.EncodedPrompt;
import dev.caig.runtime.model.ImageTensors;
import dev.caig.runtime.model.PromptEncoder;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.SequenceScores;

import java.util.ArrayList;
import java.util.List;

/**
 * One supervised step's gradients: next-token cross-entropy on the answer tokens only (instruction and image
 * positions masked). Pre-training, best-of-N distillation and PCPO's pre-training anchor share it; the caller
 * steps its optimizer.
 */
final class AnswerCrossEntropy {
    private AnswerCrossEntropy() {
    }

    /** Accumulates the batch's gradients into the model's parameters and returns the mean loss. */
    static float backward(PromptModel model, ParameterStore ps, List<PromptExample> batch) {
        try (NDManager scratch = model.manager().newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = loss(model, ps, scratch, batch, true);
            gc.backward(loss);
            return loss.getFloat();
        }
    }

    /** The batch's mean per-answer-token negative log-likelihood, in {@code scratch}, for a caller's own graph. */
    static NDArray loss(PromptModel model, ParameterStore ps, NDManager scratch, List<PromptExample> batch, boolean training) {
        int size = model.config().imageSize();
        List<float[]> images = new ArrayList<>();
        List<EncodedPrompt> sequences = new ArrayList<>();
        for (PromptExample e : batch) {
            images.add(e.image());
            sequences.add(model.encoder().encode(e.instruction(), e.answer()));
        }
        NDList encoded = PromptEncoder.batch(scratch, sequences, 0);
        NDArray logits = model.logits(ps, encoded.get(0), ImageTensors.batch(scratch, images, size, size), encoded.get(1), training);
        return SequenceScores.answerCrossEntropy(logits, encoded.get(0), encoded.get(2));
    }
}

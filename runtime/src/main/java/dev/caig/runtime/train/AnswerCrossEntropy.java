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
 * positions masked). Pre-training and best-of-N distillation share it; the caller steps its optimizer.
 */
final class AnswerCrossEntropy {
    private AnswerCrossEntropy() {
    }

    /** Accumulates the batch's gradients into the model's parameters and returns the mean loss. */
    static float backward(PromptModel model, ParameterStore ps, List<PromptExample> batch) {
        int size = model.config().imageSize();
        try (NDManager scratch = model.manager().newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            List<float[]> images = new ArrayList<>();
            List<EncodedPrompt> sequences = new ArrayList<>();
            for (PromptExample e : batch) {
                images.add(e.image());
                sequences.add(model.encoder().encode(e.instruction(), e.answer()));
            }
            NDList encoded = PromptEncoder.batch(scratch, sequences, 0);
            NDArray logits = model.logits(ps, encoded.get(0), ImageTensors.batch(scratch, images, size, size), encoded.get(1), true);
            NDArray loss = SequenceScores.answerCrossEntropy(logits, encoded.get(0), encoded.get(2));
            gc.backward(loss);
            return loss.getFloat();
        }
    }
}

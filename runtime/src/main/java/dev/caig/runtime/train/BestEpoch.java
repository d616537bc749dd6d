package dev.caig.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import dev.caig.runtime.model.NoGrad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The weights of the epoch with the best validation score so far, kept beside the training weights so that a
 * model is published as it was at that epoch, not as the last epoch left it (a reward model overfits noisy click
 * labels: its training accuracy keeps rising while its accuracy on new products falls). Saved with each checkpoint,
 * so a resumed run still publishes the best epoch of the whole run.
 */
final class BestEpoch {
    static final String FILE = "best-epoch.ndlist";

    private int epoch = -1;
    private double score = Double.NEGATIVE_INFINITY;
    private float[][] values;

    /** The epoch (1-based) whose weights are kept, or -1 before any. */
    int epoch() {
        return epoch;
    }

    /** Keeps the block's weights when {@code score} beats every earlier epoch's (ties keep the earlier, shorter-trained one). */
    boolean offer(int epoch, double score, Block block) {
        if (!(score > this.score)) {
            return false;
        }
        ParameterList parameters = block.getParameters();
        float[][] copy = new float[parameters.size()][];
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = 0; i < copy.length; i++) {
                copy[i] = parameters.get(i).getValue().getArray().toFloatArray();
            }
        }
        this.epoch = epoch;
        this.score = score;
        this.values = copy;
        return true;
    }

    /** Puts the kept weights into the block; a no-op before any epoch was offered. */
    void restoreInto(Block block) {
        if (values == null) {
            return;
        }
        ParameterList parameters = block.getParameters();
        if (parameters.size() != values.length) {
            throw new IllegalStateException("best epoch has " + values.length + " parameters, model has " + parameters.size());
        }
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = 0; i < values.length; i++) {
                parameters.get(i).getValue().getArray().set(values[i]);
            }
        }
    }

    /** Writes the kept weights (with the epoch and score as a leading 2-vector) into a checkpoint folder. */
    void write(Path dir, NDManager manager) throws IOException {
        if (values == null) {
            return;
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDList list = new NDList();
            list.add(scratch.create(new double[] {epoch, score}));
            for (float[] v : values) {
                list.add(scratch.create(v, new Shape(v.length)));
            }
            Files.write(dir.resolve(FILE), list.encode());
        }
    }

    /** Reads what {@link #write} wrote, if the checkpoint has it. */
    void read(Path dir, NDManager manager) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return;
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDList list = NDList.decode(scratch, Files.readAllBytes(file));
            double[] header = list.get(0).toDoubleArray();
            float[][] read = new float[list.size() - 1][];
            for (int i = 1; i < list.size(); i++) {
                NDArray a = list.get(i);
                read[i - 1] = a.toFloatArray();
            }
            epoch = (int) header[0];
            score = header[1];
            values = read;
        }
    }
}

package dev.caig.runtime.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import dev.caig.runtime.model.NoGrad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A copy of a block's weights in Java arrays, with a few numbers that say what it is (an epoch and its score, a
 * count of averaged iterates): what a trainer keeps beside the training weights and carries through checkpoints.
 *
 * @param header what the copy is, stored first in the file
 * @param values one flat array per parameter, in the block's parameter order
 */
record WeightSnapshot(double[] header, float[][] values) {

    static float[][] copyOf(Block block) {
        ParameterList parameters = block.getParameters();
        float[][] copy = new float[parameters.size()][];
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = 0; i < copy.length; i++) {
                copy[i] = parameters.get(i).getValue().getArray().toFloatArray();
            }
        }
        return copy;
    }

    /** Puts these values into a block of the same architecture. */
    static void load(float[][] values, Block block, String what) {
        ParameterList parameters = block.getParameters();
        if (parameters.size() != values.length) {
            throw new IllegalStateException(what + " has " + values.length + " parameters, model has " + parameters.size());
        }
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = 0; i < values.length; i++) {
                parameters.get(i).getValue().getArray().set(values[i]);
            }
        }
    }

    void write(Path file, NDManager manager) throws IOException {
        try (NDManager scratch = manager.newSubManager()) {
            NDList list = new NDList();
            list.add(scratch.create(header));
            for (float[] v : values) {
                list.add(scratch.create(v, new Shape(v.length)));
            }
            Files.write(file, list.encode());
        }
    }

    /** What {@link #write} wrote, or empty when the file is not there. */
    static Optional<WeightSnapshot> read(Path file, NDManager manager) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDList list = NDList.decode(scratch, Files.readAllBytes(file));
            float[][] values = new float[list.size() - 1][];
            for (int i = 1; i < list.size(); i++) {
                values[i - 1] = list.get(i).toFloatArray();
            }
            return Optional.of(new WeightSnapshot(list.get(0).toDoubleArray(), values));
        }
    }
}

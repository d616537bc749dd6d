package dev.caig.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Runs a block of per-position layers (Linear, activations) on (B,T,E) input as one (B*T,E) matrix. DJL's
 * {@code Linear} calls libtorch's C++ {@code linear}, which fuses the bias into the matrix product ({@code addmm})
 * only for 2-D input; on 3-D input it is a matmul plus a separate bias pass, and more work again in backward.
 */
final class Rows {
    private Rows() {
    }

    /** {@code block} applied to every position of (B,T,E) {@code x}; the result is (B,T,E') with the block's E'. */
    static NDArray apply(Block block, ParameterStore ps, NDArray x, boolean training) {
        Shape shape = x.getShape();
        long rows = shape.get(0) * shape.get(1);
        NDArray out = block.forward(ps, new NDList(x.reshape(rows, shape.get(2))), training).head();
        return out.reshape(shape.get(0), shape.get(1), out.getShape().get(1));
    }
}

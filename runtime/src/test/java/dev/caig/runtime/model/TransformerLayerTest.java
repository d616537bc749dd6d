package dev.caig.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TransformerLayerTest {
    private static final int BATCH = 2;
    private static final int LENGTH = 5;
    private static final int DIM = 8;

    @Test
    void theAdditiveMaskGivesTheSameOutputAsTheZeroOneMask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerLayer layer = layer(manager);
            NDArray x = manager.randomNormal(new Shape(BATCH, LENGTH, DIM));
            NDArray causal = PromptModelBlock.causalMask(manager, BATCH, LENGTH);
            NDArray additive = TransformerLayer.additiveMask(causal);

            assertEquals(new Shape(BATCH, 1, LENGTH, LENGTH), additive.getShape());
            assertEquals(0f, additive.getFloat(0, 0, 3, 1), 0f, "earlier key: allowed (0 or -0)");
            assertEquals(-100000f, additive.getFloat(1, 0, 1, 3), "later key: masked");
            assertArrayEquals(run(layer, manager, x, causal), run(layer, manager, x, additive));
        }
    }

    @Test
    void withoutAMaskEveryPositionSeesEveryOtherAsWithAnAllOnesMask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerLayer layer = layer(manager);
            NDArray x = manager.randomNormal(new Shape(BATCH, LENGTH, DIM));
            NDArray ones = manager.ones(new Shape(BATCH, LENGTH, LENGTH));
            assertArrayEquals(run(layer, manager, x, ones), run(layer, manager, x, null));
        }
    }

    @Test
    void underTheCausalMaskALaterTokenDoesNotChangeEarlierOutputs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerLayer layer = layer(manager);
            NDArray mask = TransformerLayer.additiveMask(PromptModelBlock.causalMask(manager, 1, LENGTH));
            NDArray x = manager.randomNormal(new Shape(1, LENGTH, DIM));
            NDArray changed = x.duplicate();
            changed.set(new NDIndex(":, " + (LENGTH - 1) + ", :"), 3f);
            NDArray before = layer.forward(new ParameterStore(manager, false), new NDList(x, mask), false).head();
            NDArray after = layer.forward(new ParameterStore(manager, false), new NDList(changed, mask), false).head();
            NDIndex earlier = new NDIndex(":, :" + (LENGTH - 1) + ", :");
            assertArrayEquals(before.get(earlier).toFloatArray(), after.get(earlier).toFloatArray());
            assertFalse(before.get(":, -1, :").contentEquals(after.get(":, -1, :")), "the last position does change");
        }
    }

    @Test
    void rowsAppliesAPerPositionBlockLikeTheBlockOnTheWholeSequence() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear linear = Linear.builder().setUnits(3).build();
            linear.initialize(manager, DataType.FLOAT32, new Shape(BATCH, LENGTH, DIM));
            NDArray x = manager.randomNormal(new Shape(BATCH, LENGTH, DIM));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray whole = linear.forward(ps, new NDList(x), false).head();
            NDArray rows = Rows.apply(linear, ps, x, false);
            assertEquals(new Shape(BATCH, LENGTH, 3), rows.getShape());
            assertArrayEquals(whole.toFloatArray(), rows.toFloatArray(), 1e-5f);
        }
    }

    private static TransformerLayer layer(NDManager manager) {
        TransformerLayer layer = new TransformerLayer(DIM, 2);
        layer.initialize(manager, DataType.FLOAT32, new Shape(BATCH, LENGTH, DIM), new Shape(BATCH, LENGTH, LENGTH));
        return layer;
    }

    private static float[] run(TransformerLayer layer, NDManager manager, NDArray x, NDArray mask) {
        NDList inputs = mask == null ? new NDList(x) : new NDList(x, mask);
        return layer.forward(new ParameterStore(manager, false), inputs, false).head().toFloatArray();
    }
}

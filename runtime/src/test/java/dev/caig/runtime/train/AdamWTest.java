package dev.caig.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.caig.runtime.CaigException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdamWTest {

    @Test
    void aStepWithANonFiniteGradientIsSkippedAndTrainingGoesOn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = linear(manager);
            AdamW optimizer = new AdamW(block, manager, LearningRateSchedule.constant(0.1), 0f, 1f);
            float[] before = weights(block);

            backward(block, manager, Float.NaN);
            assertFalse(Float.isFinite(optimizer.step()));
            assertArrayEquals(before, weights(block), "a non-finite gradient changes no weight");
            assertEquals(1, optimizer.skippedSteps());
            assertEquals(0L, optimizer.state().get(0).getLong(), "the skipped step is not counted");

            backward(block, manager, 1f);
            assertTrue(Float.isFinite(optimizer.step()), "the NaN gradient was cleared, not added to the next one");
            float[] after = weights(block);
            assertFalse(Arrays.equals(before, after));
            for (float w : after) {
                assertTrue(Float.isFinite(w));
            }
        }
    }

    @Test
    void nonFiniteGradientsStepAfterStepAreDivergence() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = linear(manager);
            AdamW optimizer = new AdamW(block, manager, LearningRateSchedule.constant(0.1), 0f, 1f);
            for (int i = 1; i < AdamW.MAX_NON_FINITE_IN_A_ROW; i++) {
                backward(block, manager, Float.POSITIVE_INFINITY);
                optimizer.step();
            }
            backward(block, manager, Float.NaN);
            CaigException e = assertThrows(CaigException.class, optimizer::step);
            assertTrue(e.getMessage().startsWith("training diverged: the gradient was not finite in "
                    + AdamW.MAX_NON_FINITE_IN_A_ROW + " optimizer steps in a row"), e.getMessage());
        }
    }

    private static Block linear(NDManager manager) {
        Block block = Linear.builder().setUnits(1).build();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        return block;
    }

    /** One backward pass whose weight gradient is the input, so a NaN or infinite input makes it non-finite. */
    private static void backward(Block block, NDManager manager, float first) {
        try (NDManager scratch = manager.newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = scratch.create(new float[] {first, 1f}, new Shape(1, 2));
            NDArray out = block.forward(new ParameterStore(scratch, false), new NDList(x), true).singletonOrThrow();
            gc.backward(out.sum());
        }
    }

    private static float[] weights(Block block) {
        return block.getParameters().get("weight").getArray().toFloatArray();
    }
}

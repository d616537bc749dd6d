package dev.caig.runtime.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression test for a native fault seen here once: with DJL 0.36 / libtorch 2.7.1 on CPU, the backward pass of
 * overlapping convolutions (3x3 with max pooling, an early trunk) intermittently returned NaN once the garbage
 * collector had run, with fixed inputs and no parameter updates. Checks, for both of today's trunks (patches, and
 * overlapping 3x3 convolutions of stride 2), that the same batch gives the same finite gradients step after step
 * under GC pressure.
 */
class RewardModelStabilityTest {
    @ParameterizedTest
    @ValueSource(strings = {RewardModelConfig.PATCH_TRUNK, RewardModelConfig.CONV_TRUNK})
    void gradientsOfAFixedBatchStayFiniteAndIdenticalUnderGcPressure(String trunk) {
        try (RewardModel model = RewardModel.create(new RewardModelConfig(32, 4, 16, List.of("lamp"), 4,
                RewardModelConfig.REGIONS, 0, trunk), 1)) {
            model.block().getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
            Random random = new Random(1);
            float[] data = new float[8 * 3 * 32 * 64];
            for (int i = 0; i < data.length; i++) {
                data[i] = random.nextFloat() * 4 - 2;
            }
            Double first = null;
            for (int step = 0; step < 120; step++) {
                try (NDManager scratch = model.manager().newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.zeroGradients();
                    NDArray x = scratch.create(data, new Shape(8, 3, 32, 64));
                    NDList out = model.forwardPairs(new ParameterStore(model.manager(), false), x,
                            model.titleBatch(scratch, java.util.Collections.nCopies(8, "lamp")), true);
                    gc.backward(out.get(0).logSoftmax(1).sum().add(out.get(1).square().sum()));
                }
                double total = 0;
                for (var p : model.block().getParameters()) {
                    try (NDArray g = p.getValue().getArray().getGradient(); NDArray a = g.abs(); NDArray s = a.sum()) {
                        total += s.getFloat();
                    }
                }
                assertTrue(Double.isFinite(total), "gradient not finite at step " + step);
                if (first == null) {
                    first = total;
                }
                assertEquals(first, total, 0.0, "gradient changed at step " + step);
                System.gc();
            }
        }
    }
}

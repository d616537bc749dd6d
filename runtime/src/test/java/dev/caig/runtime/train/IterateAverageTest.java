package dev.caig.runtime.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class IterateAverageTest {

    /** Sets every weight of the block to {@code value}. */
    private static void fill(Linear block, float value) {
        for (var p : block.getParameters()) {
            p.getValue().getArray().set(new float[(int) p.getValue().getArray().size()]);
            p.getValue().getArray().addi(value);
        }
    }

    @Test
    void isTheMeanOfTheAddedWeightsAndSurvivesACheckpoint(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear block = Linear.builder().setUnits(3).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            IterateAverage average = new IterateAverage();
            for (float value : new float[] {1f, 2f, 6f}) {
                fill(block, value);
                average.add(block);
            }
            assertEquals(3, average.count());
            average.write(dir, manager);
            IterateAverage resumed = new IterateAverage();
            resumed.read(dir, manager);
            assertEquals(3, resumed.count());
            fill(block, 100f);
            resumed.add(block); // the 4th iterate after a resume: (1 + 2 + 6 + 100) / 4
            resumed.restoreInto(block);
            for (var p : block.getParameters()) {
                float[] values = p.getValue().getArray().toFloatArray();
                float[] expected = new float[values.length];
                java.util.Arrays.fill(expected, 109f / 4);
                assertArrayEquals(expected, values, 1e-5f, p.getKey());
            }
        }
    }

    @Test
    void withNothingAddedLeavesTheBlockAsItIs(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear block = Linear.builder().setUnits(3).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            fill(block, 5f);
            IterateAverage average = new IterateAverage();
            average.write(dir, manager);
            average.read(dir, manager);
            average.restoreInto(block);
            assertEquals(0, average.count());
            for (var p : block.getParameters()) {
                assertEquals(5f, p.getValue().getArray().toFloatArray()[0]);
            }
        }
    }
}

package dev.caig.runtime.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The running mean of a policy's weights over the iterations it has been asked to average (tail averaging, as in
 * stochastic weight averaging): each PCPO iteration moves the policy by a noisy step, so where a run ends depends on
 * its last few reward-model calls; the mean of the last iterates keeps the direction they share. Saved with each
 * checkpoint, so a resumed run publishes the same mean as an uninterrupted one.
 */
final class IterateAverage {
    static final String FILE = "iterate-average.ndlist";

    private int count;
    private float[][] mean;

    /** How many iterates the mean holds. */
    int count() {
        return count;
    }

    /** Adds the block's current weights to the mean. */
    void add(Block block) {
        float[][] weights = WeightSnapshot.copyOf(block);
        count++;
        if (mean == null) {
            mean = weights;
            return;
        }
        for (int i = 0; i < mean.length; i++) {
            float[] m = mean[i];
            float[] w = weights[i];
            for (int j = 0; j < m.length; j++) {
                m[j] += (w[j] - m[j]) / count;
            }
        }
    }

    /** Puts the mean into the block; a no-op before any iterate was added. */
    void restoreInto(Block block) {
        if (mean != null) {
            WeightSnapshot.load(mean, block, "iterate average");
        }
    }

    void write(Path dir, NDManager manager) throws IOException {
        if (mean != null) {
            new WeightSnapshot(new double[] {count}, mean).write(dir.resolve(FILE), manager);
        }
    }

    void read(Path dir, NDManager manager) throws IOException {
        var snapshot = WeightSnapshot.read(dir.resolve(FILE), manager);
        if (snapshot.isPresent()) {
            count = (int) snapshot.get().header()[0];
            mean = snapshot.get().values();
        }
    }
}

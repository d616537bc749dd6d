package dev.caig.runtime.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

import java.io.IOException;
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
        this.epoch = epoch;
        this.score = score;
        this.values = WeightSnapshot.copyOf(block);
        return true;
    }

    /** Puts the kept weights into the block; a no-op before any epoch was offered. */
    void restoreInto(Block block) {
        if (values != null) {
            WeightSnapshot.load(values, block, "best epoch");
        }
    }

    /** Writes the kept weights (with the epoch and score as a leading 2-vector) into a checkpoint folder. */
    void write(Path dir, NDManager manager) throws IOException {
        if (values != null) {
            new WeightSnapshot(new double[] {epoch, score}, values).write(dir.resolve(FILE), manager);
        }
    }

    /** Reads what {@link #write} wrote, if the checkpoint has it. */
    void read(Path dir, NDManager manager) throws IOException {
        var snapshot = WeightSnapshot.read(dir.resolve(FILE), manager);
        if (snapshot.isPresent()) {
            epoch = (int) snapshot.get().header()[0];
            score = snapshot.get().header()[1];
            values = snapshot.get().values();
        }
    }
}

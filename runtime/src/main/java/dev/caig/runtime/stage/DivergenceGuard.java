package dev.caig.runtime.stage;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.train.CheckpointSink;
import dev.caig.runtime.train.TrainingState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Stops a PCPO/DPO run at the iteration that collapsed or diverged, before its checkpoint is saved: an iteration
 * with no usable pair (every product's samples identical, empty or undrawable: the policy has collapsed) or a loss
 * that is not a finite number. Without it the run went on to the end and failed only when publishing, and every
 * rerun resumed the broken weights. It watches the checkpoints, so it needs nothing from the trainer's insides.
 */
final class DivergenceGuard implements CheckpointSink {
    private final CheckpointSink delegate;
    private final String stage;
    private final int iterations;
    private final double learningRate;

    DivergenceGuard(CheckpointSink delegate, String stage, int iterations, double learningRate) {
        this.delegate = delegate;
        this.stage = stage;
        this.iterations = iterations;
        this.learningRate = learningRate;
    }

    @Override
    public Optional<Path> latest() {
        return delegate.latest();
    }

    @Override
    public Path newStagingDir() throws IOException {
        return delegate.newStagingDir();
    }

    @Override
    public void save(Path dir) {
        TrainingState state;
        try {
            state = TrainingState.read(dir);
        } catch (IOException e) {
            throw new CaigException(stage + ": checkpoint without its training state: " + e.getMessage(), e);
        }
        check(state);
        delegate.save(dir);
    }

    /** Throws, with advice, when the last iteration of {@code state} collapsed or diverged. */
    void check(TrainingState state) {
        if (state.history().isEmpty()) {
            return;
        }
        Map<String, Double> last = state.history().get(state.history().size() - 1);
        String where = stage + ": iteration " + state.completed() + " of " + iterations;
        String retry = "; its checkpoint was not saved, so after changing the settings rerun with --force-stage " + stage;
        double pairs = last.getOrDefault("pairs", Double.NaN);
        if (pairs == 0) {
            throw new Diverged(where + " had 0 usable pairs (every product's samples were identical, empty or not"
                    + " drawable): the policy has collapsed. Lower pcpo.learningRate (now " + learningRate + ") or raise"
                    + " pcpo.temperature or pcpo.generateNums" + retry);
        }
        for (String metric : new String[] {"loss", "dpoLoss", "pcLoss"}) {
            Double value = last.get(metric);
            if (value != null && !Double.isFinite(value)) {
                throw new Diverged(where + ": the " + metric + " is " + value + ", training diverged. Lower"
                        + " pcpo.learningRate (now " + learningRate + ") or pcpo.maxGradNorm" + retry);
            }
        }
    }

    /** A run that collapsed or diverged: the stage cannot use it (with restarts, the others may still be usable). */
    static final class Diverged extends CaigException {
        Diverged(String message) {
            super(message);
        }
    }
}

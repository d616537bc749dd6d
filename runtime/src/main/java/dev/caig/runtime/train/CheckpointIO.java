package dev.caig.runtime.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.TempFolders;
import dev.caig.runtime.model.NoGrad;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes and restores a trainer's checkpoint: model weights (in the model's own save format), optimizer state and
 * the {@link TrainingState}, in one folder handed to a {@link CheckpointSink}.
 */
public final class CheckpointIO {
    /** Saves a model's files into a folder. */
    @FunctionalInterface
    public interface ModelWriter {
        void save(Path dir) throws IOException;
    }

    private CheckpointIO() {
    }

    /** @param optimizer null when the optimizer is not carried over (PCPO starts a fresh one each iteration) */
    public static void save(CheckpointSink sink, ModelWriter model, AdamW optimizer, TrainingState state, String what) {
        Path dir = null;
        try {
            dir = sink.newStagingDir();
            model.save(dir);
            if (optimizer != null) {
                TrainingState.writeOptimizer(dir, optimizer);
            }
            state.write(dir);
            sink.save(dir);
        } catch (IOException e) {
            throw new CaigException("cannot write " + what + " checkpoint: " + e.getMessage(), e);
        } finally {
            // The sink keeps its own copy; without this every epoch left a folder of weights in /tmp.
            TempFolders.deleteQuietly(dir);
        }
    }

    /**
     * Restores the latest checkpoint into {@code target} (and {@code optimizer}, when not null), or returns the
     * start state when there is none.
     */
    public static <M extends AutoCloseable> TrainingState restore(CheckpointSink sink, Function<Path, M> load,
                                                                  Function<M, Block> blockOf, Block target,
                                                                  AdamW optimizer, NDManager manager, String what) {
        return restore(sink.latest(), load, blockOf, target, optimizer, manager, what);
    }

    /** As above, from a checkpoint the caller already fetched ({@link CheckpointSink#latest()}; empty: a fresh start). */
    public static <M extends AutoCloseable> TrainingState restore(Optional<Path> checkpoint, Function<Path, M> load,
                                                                  Function<M, Block> blockOf, Block target,
                                                                  AdamW optimizer, NDManager manager, String what) {
        return checkpoint.map(dir -> {
            try (M saved = load.apply(dir)) {
                copyParameters(blockOf.apply(saved), target);
                if (optimizer != null) {
                    TrainingState.readOptimizer(dir, optimizer, manager);
                }
                return TrainingState.read(dir);
            } catch (Exception e) {
                throw new CaigException("cannot resume " + what + " from checkpoint " + dir + ": " + e.getMessage(), e);
            }
        }).orElse(TrainingState.start());
    }

    /** Copies every parameter value of one block into another of the same architecture. */
    public static void copyParameters(Block from, Block to) {
        try (NoGrad ignored = NoGrad.enter()) {
            var source = from.getParameters();
            var target = to.getParameters();
            if (source.size() != target.size()) {
                throw new IllegalStateException("checkpoint has " + source.size() + " parameters, model has " + target.size());
            }
            for (int i = 0; i < source.size(); i++) {
                target.get(i).getValue().getArray().set(source.get(i).getValue().getArray().toFloatArray());
            }
        }
    }
}

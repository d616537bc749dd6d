package dev.caig.runtime.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a trainer keeps its checkpoints. Stages back it with the artifact store, so a pod that is killed and
 * re-created resumes from the last completed epoch or iteration.
 */
public interface CheckpointSink {
    /** The latest checkpoint, copied into a local folder, if any was saved. */
    Optional<Path> latest();

    /** Saves the checkpoint written into {@code dir}, replacing the previous one. */
    void save(Path dir);

    /** A sink that keeps nothing: training always starts from scratch. */
    static CheckpointSink none() {
        return new CheckpointSink() {
            @Override
            public Optional<Path> latest() {
                return Optional.empty();
            }

            @Override
            public void save(Path dir) {
            }
        };
    }
}

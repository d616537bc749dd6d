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

    /**
     * A fresh local folder to write the next checkpoint into before {@link #save}; the caller deletes it. Sinks of a
     * stage put it in the run's work folder, so a kill mid-write leaves nothing in the system temp folder.
     */
    default Path newStagingDir() throws java.io.IOException {
        return java.nio.file.Files.createTempDirectory("caig-checkpoint");
    }

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

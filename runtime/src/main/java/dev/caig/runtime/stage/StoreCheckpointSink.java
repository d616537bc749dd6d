package dev.caig.runtime.stage;

import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.train.CheckpointSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoints kept as an artifact in the store (manifest written last), so a re-created pod finds the last
 * complete one; a checkpoint whose upload was cut off has no manifest and is ignored.
 */
final class StoreCheckpointSink implements CheckpointSink {
    private final ArtifactStore store;
    private final ArtifactUri uri;
    private final Path workDir;
    private final String stage;

    StoreCheckpointSink(ArtifactStore store, ArtifactUri uri, Path workDir, String stage) {
        this.store = store;
        this.uri = uri;
        this.workDir = workDir;
        this.stage = stage;
    }

    @Override
    public Optional<Path> latest() {
        if (!store.exists(uri)) {
            return Optional.empty();
        }
        try {
            Path dir = Files.createTempDirectory(workDir, "checkpoint-" + stage);
            store.fetch(uri, dir);
            return Optional.of(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void save(Path dir) {
        store.publish(dir, uri, "checkpoint", stage, Map.of(), Map.of());
    }
}

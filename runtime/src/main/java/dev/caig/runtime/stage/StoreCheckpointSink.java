package dev.caig.runtime.stage;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.TempFolders;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.train.CheckpointSink;
import dev.caig.runtime.train.TrainingState;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoints kept in the store, each a complete artifact in its own slot {@code <uri>/<completed, 6 digits>/}.
 * A new checkpoint is written beside the previous one and only then are older slots deleted, so a kill at any
 * moment leaves the previous checkpoint valid (a slot whose upload was cut off has no manifest and is ignored),
 * on a local folder and on S3 alike. Each checkpoint records the stage's {@link StageFingerprint}: resuming from
 * one made with other settings is refused with the settings that differ.
 */
final class StoreCheckpointSink implements CheckpointSink {
    /** Metric of a checkpoint: seconds the stage has run in all, earlier runs included, up to this checkpoint. */
    static final String STAGE_SECONDS = "stageSeconds";

    private final ArtifactStore store;
    private final ArtifactUri uri;
    private final Path workDir;
    private final StageFingerprint fingerprint;
    private final Map<String, Object> config;
    private final String unit;
    private final int total;
    private final PrintStream log;
    private final long startNanos = System.nanoTime();
    private double earlierSeconds;

    /**
     * @param unit  "epoch" or "iteration", for the resume message
     * @param total how many of them the stage runs
     */
    StoreCheckpointSink(ArtifactStore store, ArtifactUri uri, Path workDir, StageFingerprint fingerprint,
                        Map<String, Object> config, String unit, int total, PrintStream log) {
        this.store = store;
        this.uri = uri;
        this.workDir = workDir;
        this.fingerprint = fingerprint;
        this.config = config;
        this.unit = unit;
        this.total = total;
        this.log = log;
    }

    @Override
    public Optional<Path> latest() {
        for (String slot : newestFirst(slots(store, uri))) {
            ArtifactUri slotUri = uri.resolve(slot);
            Optional<ArtifactManifest> manifest = readManifest(slotUri);
            if (manifest.isEmpty()) {
                continue; // cut off before its manifest: never a checkpoint
            }
            refuseOtherSettings(fingerprint, slotUri, manifest.get());
            Path dir = newDir();
            try {
                store.fetch(slotUri, dir);
                int completed = TrainingState.read(dir).completed();
                earlierSeconds = manifest.get().metrics().getOrDefault(STAGE_SECONDS, 0).doubleValue();
                log.printf("caig: resuming %s from %s %d of %d (checkpoint %s)%n", fingerprint.stage(), unit, completed,
                        total, slotUri);
                return Optional.of(dir);
            } catch (CaigException | IOException e) {
                TempFolders.deleteQuietly(dir);
                log.println("caig: " + fingerprint.stage() + ": discarding broken checkpoint " + slotUri + " ("
                        + e.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    @Override
    public Path newStagingDir() {
        return newDir();
    }

    @Override
    public void save(Path dir) {
        int completed;
        try {
            completed = TrainingState.read(dir).completed();
        } catch (IOException e) {
            throw new CaigException(fingerprint.stage() + ": checkpoint without its training state: " + e.getMessage(), e);
        }
        String slot = slotName(completed);
        double seconds = earlierSeconds + (System.nanoTime() - startNanos) / 1e9;
        store.publish(dir, uri.resolve(slot), "checkpoint", fingerprint.stage(), config,
                Map.of(STAGE_SECONDS, seconds), fingerprint.provenance());
        // Only now is the new checkpoint complete: the older ones (and any cut-off slot) can go.
        for (String other : allSlots(store, uri)) {
            if (!other.equals(slot)) {
                store.delete(uri.resolve(other));
            }
        }
    }

    /** Stops when a checkpoint was made with other settings than the stage's now, naming each that differs. */
    static void refuseOtherSettings(StageFingerprint fingerprint, ArtifactUri checkpoint, ArtifactManifest manifest) {
        List<String> differences = fingerprint.differencesFrom(manifest);
        if (!differences.isEmpty()) {
            throw new CaigException(fingerprint.stage() + ": its checkpoint " + checkpoint + " was made with other settings ("
                    + String.join(", ", differences) + "); rerun with --force-stage " + fingerprint.stage()
                    + " to start the stage again, or restore those settings to resume it");
        }
    }

    /** The manifest of the newest complete checkpoint under {@code uri}, if any. */
    static Optional<Slot> latestComplete(ArtifactStore store, ArtifactUri uri) {
        for (String slot : newestFirst(slots(store, uri))) {
            try {
                Optional<ArtifactManifest> manifest = store.manifest(uri.resolve(slot));
                if (manifest.isPresent()) {
                    return Optional.of(new Slot(uri.resolve(slot), manifest.get()));
                }
            } catch (CaigException e) {
                // an unreadable manifest is a broken checkpoint; latest() says so when it gets there
            }
        }
        return Optional.empty();
    }

    /** A complete checkpoint. */
    record Slot(ArtifactUri uri, ArtifactManifest manifest) {
    }

    private static List<String> newestFirst(List<String> slots) {
        List<String> out = new java.util.ArrayList<>(slots);
        java.util.Collections.reverse(out);
        return out;
    }

    static String slotName(int completed) {
        return String.format("%06d", completed);
    }

    /** Slot names that have a manifest, oldest first. */
    private static List<String> slots(ArtifactStore store, ArtifactUri uri) {
        return store.list(uri).stream()
                .filter(rel -> rel.matches("\\d{6}/" + ArtifactManifest.FILE_NAME.replace(".", "\\.")))
                .map(rel -> rel.substring(0, 6))
                .sorted()
                .toList();
    }

    /** Every slot name, complete or not. */
    private static List<String> allSlots(ArtifactStore store, ArtifactUri uri) {
        return store.list(uri).stream()
                .filter(rel -> rel.matches("\\d{6}/.*"))
                .map(rel -> rel.substring(0, 6))
                .distinct()
                .sorted()
                .toList();
    }

    private Optional<ArtifactManifest> readManifest(ArtifactUri slotUri) {
        try {
            return store.manifest(slotUri);
        } catch (CaigException e) {
            log.println("caig: " + fingerprint.stage() + ": discarding broken checkpoint " + slotUri + " (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private Path newDir() {
        try {
            Files.createDirectories(workDir);
            return Files.createTempDirectory(workDir, "checkpoint-" + fingerprint.stage());
        } catch (IOException e) {
            throw new CaigException("cannot create a work folder under " + workDir + ": " + e.getMessage(), e);
        }
    }
}

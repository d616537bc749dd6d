package dev.caig.runtime.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.train.CheckpointSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What every stage runs with: the store, the pipeline's root URI (stage S writes {@code <root>/<S>/}), the
 * config, and a local work folder. The same context serves a local run and a Kubernetes Job.
 */
public record StageContext(ArtifactStore store, ArtifactUri root, PipelineConfig config, Path workDir,
                           Map<String, ArtifactUri> artifacts) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A pipeline's context: stage S reads and writes {@code <root>/<S>/}. */
    public StageContext(ArtifactStore store, ArtifactUri root, PipelineConfig config, Path workDir) {
        this(store, root, config, workDir, Map.of());
    }

    /** Where stage S's artifact is: given explicitly (a stage command's --out, --policy, ...) or under the root. */
    public ArtifactUri artifact(String stage) {
        return artifacts.getOrDefault(stage, root.resolve(stage));
    }

    /**
     * Checkpoints of a stage: under {@code <root>/checkpoints/<stage>/} in a pipeline, inside the artifact's own
     * prefix for a stage run on its own (not listed in its manifest, so readers never fetch them). Resuming prints
     * "resuming STAGE from UNIT N of TOTAL" on stderr.
     *
     * @param unit  what one checkpoint completes: "epoch" or "iteration"
     * @param total how many of them the stage runs
     */
    public CheckpointSink checkpoints(String stage, String unit, int total) {
        return new StoreCheckpointSink(store, checkpointUri(stage), workDir, fingerprint(stage), config.asMap(), unit,
                total, System.err);
    }

    /**
     * Seed of part {@code part} of a stage that trains several models one after another (reward ensemble members,
     * PCPO restarts): part 0 trains with the config's seed, as the stage's single model does, so it is that model bit
     * for bit.
     */
    public static long partSeed(long seed, int part) {
        return seed + 7_919L * part;
    }

    /**
     * Checkpoints of part {@code part} of a stage that trains several models one after another (the reward stage's
     * ensemble members): part 0 is the stage's own folder, part k a folder of its own beside it. Every part carries
     * the stage's fingerprint, so a part resumes only under the settings and inputs it was made with.
     */
    public CheckpointSink checkpoints(String stage, int part, String unit, int total) {
        return new StoreCheckpointSink(store, checkpointUri(stage, part), workDir, fingerprint(stage), config.asMap(),
                unit, total, System.err);
    }

    /** Checkpoints of a stage without a resume message (a test or tool looking at them). */
    public CheckpointSink checkpoints(String stage) {
        return checkpoints(stage, "step", 0);
    }

    /** The stage's config hash and the settings and inputs behind it, as {@link StageFingerprint} defines them. */
    public StageFingerprint fingerprint(String stage) {
        return StageFingerprint.of(this, stage);
    }

    /**
     * Publishes a stage's artifact to {@link #artifact(String)}, recording its config hash and inputs' digests.
     * {@code config} is what the manifest shows as the settings (the pipeline config, plus any provenance).
     */
    public ArtifactManifest publish(String stage, Path dir, String kind, Map<String, ?> config,
                                    Map<String, ? extends Number> metrics) {
        return store.publish(dir, artifact(stage), kind, stage, config, metrics, fingerprint(stage).provenance());
    }

    /**
     * Stops when the stage's newest checkpoint was made with other settings or inputs than now (naming them);
     * fine when there is none.
     */
    public void checkCheckpoint(String stage) {
        StoreCheckpointSink.latestComplete(store, checkpointUri(stage)).ifPresent(slot ->
                StoreCheckpointSink.refuseOtherSettings(fingerprint(stage), slot.uri(), slot.manifest()));
    }

    /** The manifest of the stage's newest complete checkpoint, if it has one. */
    public java.util.Optional<ArtifactManifest> newestCheckpoint(String stage) {
        return StoreCheckpointSink.latestComplete(store, checkpointUri(stage)).map(StoreCheckpointSink.Slot::manifest);
    }

    /**
     * Seconds the stage ran in earlier runs up to its newest checkpoint (0 when it has none): what a resumed run
     * adds its own time to.
     */
    public double checkpointedSeconds(String stage) {
        return StoreCheckpointSink.latestComplete(store, checkpointUri(stage))
                .map(slot -> slot.manifest().metrics().getOrDefault(StoreCheckpointSink.STAGE_SECONDS, 0).doubleValue())
                .orElse(0.0);
    }

    /** Most parts a stage trains one after another: 16 PCPO restarts (a reward ensemble has at most 8 members). */
    static final int MAX_PARTS = 16;

    /**
     * Forgets a stage's checkpoints, every part's, so its next run starts from scratch (what --force asks for): a
     * part left behind would be resumed, finished, by the next run.
     */
    public void clearCheckpoints(String stage) {
        for (int part = 0; part < MAX_PARTS; part++) {
            store.delete(checkpointUri(stage, part));
        }
    }

    private ArtifactUri checkpointUri(String stage) {
        return checkpointUri(stage, 0);
    }

    private ArtifactUri checkpointUri(String stage, int part) {
        String suffix = part == 0 ? "" : "-part-" + part;
        return artifacts.containsKey(stage)
                ? artifacts.get(stage).resolve("checkpoint" + suffix)
                : root.resolve("checkpoints").resolve(stage + suffix);
    }

    /** A fresh local folder for a stage's files. */
    public Path newDir(String name) {
        try {
            Files.createDirectories(workDir);
            return Files.createTempDirectory(workDir, name + "-");
        } catch (IOException e) {
            throw new CaigException("cannot create a work folder under " + workDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Progress on stderr that also writes {@code <root>/<stage>/progress.json} at every step, which the operator
     * reads to report e.g. PCPO iteration i/K.
     */
    public Progress progress(String stage, long total, String unit) {
        ArtifactUri file = artifact(stage).resolve("progress.json");
        return Progress.start(stage, total, unit).withListener((task, step, all, u) -> {
            ObjectNode node = JSON.createObjectNode();
            node.put("stage", stage);
            node.put("step", step);
            node.put("total", all);
            node.put("unit", u);
            node.put("updated", Instant.now().toString());
            store.putText(file, node.toString());
        });
    }
}

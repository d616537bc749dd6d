package dev.caig.runtime.pipeline;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.stage.RewardStage;
import dev.caig.runtime.stage.Stage;
import dev.caig.runtime.stage.StageInputs;
import dev.caig.runtime.stage.StageContext;
import dev.caig.runtime.stage.StageFingerprint;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactUri;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a pipeline's stages in order. A stage whose artifact exists and was made with the same settings and inputs
 * (its {@link dev.caig.runtime.stage.StageFingerprint}) is skipped, so re-running a pipeline (or a Kubernetes Job)
 * after a crash continues where it stopped; a stage cut off mid-way resumes from its own checkpoint. An artifact or
 * checkpoint made with other settings stops the run with the settings that differ, unless the stage is forced; one
 * whose only difference is an input that was made again is made again too.
 */
public final class PipelineRunner {
    private final PrintStream log;

    public PipelineRunner(PrintStream log) {
        this.log = log;
    }

    /**
     * @param only  run just this stage (as a Kubernetes Job does), or null for all
     * @param force re-run stages whose artifact exists, from scratch (their checkpoints are discarded)
     * @return the manifest of every stage in the plan, by stage name
     */
    public Map<String, ArtifactManifest> run(StageContext ctx, String only, boolean force) {
        return run(ctx, only, force, Set.of());
    }

    /**
     * @param forceStages stages to re-run from scratch even when their artifact exists (--force-stage)
     */
    public Map<String, ArtifactManifest> run(StageContext ctx, String only, boolean force, Set<String> forceStages) {
        List<Stage> stages = PipelinePlan.stages(ctx.config());
        List<String> names = stages.stream().map(Stage::name).toList();
        if (only != null && !names.contains(only)) {
            throw new CaigException("no stage '" + only + "' in this pipeline; its stages are " + names);
        }
        for (String forced : forceStages) {
            if (!names.contains(forced)) {
                throw new CaigException("--force-stage " + forced + ": no such stage in this pipeline; its stages are " + names);
            }
        }
        if ((only == null || only.equals(RewardStage.NAME)) && !ctx.config().data().simulated()
                && willRun(ctx, stages, RewardStage.NAME, force || forceStages.contains(RewardStage.NAME))) {
            // A team's data: all problems and the reward-pair count now, not after pre-training has run.
            log.println("caig: checking the data");
            StageInputs.checkBeforeTraining(ctx, log);
        }
        Map<String, ArtifactManifest> manifests = new LinkedHashMap<>();
        for (Stage stage : stages) {
            if (only != null && !stage.name().equals(only)) {
                continue;
            }
            boolean forced = force || forceStages.contains(stage.name());
            if (!forced && !mustRun(ctx, stage.name(), manifests)) {
                continue;
            }
            if (forced) {
                ctx.clearCheckpoints(stage.name());
            }
            double earlier = ctx.checkpointedSeconds(stage.name());
            long start = System.nanoTime();
            log.println("caig: " + stage.name() + ": starting");
            ArtifactManifest manifest = stage.run(ctx);
            double seconds = (System.nanoTime() - start) / 1e9;
            String time = earlier > 0
                    ? String.format("done in %.1f s this run, %.1f s in all (earlier runs: %.1f s up to their last checkpoint)",
                    seconds, earlier + seconds, earlier)
                    : String.format("done in %.1f s", seconds);
            log.printf("caig: %s: %s, %s %s%n", stage.name(), time, ctx.artifact(stage.name()), manifest.metrics());
            manifests.put(stage.name(), manifest);
        }
        return manifests;
    }

    /**
     * False (and the manifest noted) when the stage's artifact exists and fits the config; true when it must run.
     * Stops with the differing settings when the artifact or its checkpoint was made with other settings.
     */
    private boolean mustRun(StageContext ctx, String stage, Map<String, ArtifactManifest> manifests) {
        ArtifactUri uri = ctx.artifact(stage);
        Optional<ArtifactManifest> existing = ctx.store().manifest(uri);
        StageFingerprint fingerprint = ctx.fingerprint(stage);
        if (existing.isEmpty()) {
            refuseStaleCheckpoint(ctx, stage, fingerprint);
            return true;
        }
        List<String> differences = fingerprint.differencesFrom(existing.get());
        if (differences.isEmpty()) {
            log.println("caig: " + stage + ": already done, " + uri);
            manifests.put(stage, existing.get());
            return false;
        }
        if (fingerprint.onlyInputsDifferFrom(existing.get())) {
            log.println("caig: " + stage + ": making it again, its inputs changed (" + String.join(", ", differences) + ")");
            ctx.clearCheckpoints(stage);
            return true;
        }
        throw new CaigException(stage + ": " + uri + " was made with other settings (" + String.join(", ", differences)
                + "); rerun with --force-stage " + stage + " to make it again, or write to another --out");
    }

    /** A checkpoint made from other inputs only is dropped; one made with other settings stops the run. */
    private void refuseStaleCheckpoint(StageContext ctx, String stage, StageFingerprint fingerprint) {
        Optional<ArtifactManifest> checkpoint = ctx.newestCheckpoint(stage);
        if (checkpoint.isEmpty() || fingerprint.differencesFrom(checkpoint.get()).isEmpty()) {
            return;
        }
        if (!fingerprint.onlyInputsDifferFrom(checkpoint.get())) {
            ctx.checkCheckpoint(stage); // stops, naming the settings
        }
        log.println("caig: " + stage + ": discarding its checkpoint, made from other inputs ("
                + String.join(", ", fingerprint.differencesFrom(checkpoint.get())) + ")");
        ctx.clearCheckpoints(stage);
    }

    private static boolean willRun(StageContext ctx, List<Stage> stages, String name, boolean force) {
        return stages.stream().anyMatch(s -> s.name().equals(name))
                && (force || ctx.store().manifest(ctx.artifact(name)).isEmpty());
    }
}

package dev.caig.runtime.pipeline;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.stage.RewardStage;
import dev.caig.runtime.stage.Stage;
import dev.caig.runtime.stage.StageInputs;
import dev.caig.runtime.stage.StageContext;
import dev.caig.runtime.store.ArtifactManifest;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a pipeline's stages in order. A stage whose artifact already exists is skipped, so re-running a pipeline
 * (or a Kubernetes Job) after a crash continues where it stopped; a stage cut off mid-way resumes from its own
 * checkpoint.
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
        List<Stage> stages = PipelinePlan.stages(ctx.config());
        if (only != null && stages.stream().noneMatch(s -> s.name().equals(only))) {
            throw new CaigException("no stage '" + only + "' in this pipeline; its stages are "
                    + stages.stream().map(Stage::name).toList());
        }
        if ((only == null || only.equals(RewardStage.NAME)) && !ctx.config().data().simulated()
                && willRun(ctx, stages, RewardStage.NAME, force)) {
            // A team's data: all problems and the reward-pair count now, not after pre-training has run.
            log.println("caig: checking the data");
            StageInputs.checkBeforeTraining(ctx, log);
        }
        Map<String, ArtifactManifest> manifests = new LinkedHashMap<>();
        for (Stage stage : stages) {
            if (only != null && !stage.name().equals(only)) {
                continue;
            }
            var existing = ctx.store().manifest(ctx.artifact(stage.name()));
            if (existing.isPresent() && !force) {
                log.println("caig: " + stage.name() + ": already done, " + ctx.artifact(stage.name()));
                manifests.put(stage.name(), existing.get());
                continue;
            }
            if (force) {
                ctx.clearCheckpoints(stage.name());
            }
            long start = System.nanoTime();
            log.println("caig: " + stage.name() + ": starting");
            ArtifactManifest manifest = stage.run(ctx);
            log.printf("caig: %s: done in %.1f s, %s %s%n", stage.name(), (System.nanoTime() - start) / 1e9,
                    ctx.artifact(stage.name()), manifest.metrics());
            manifests.put(stage.name(), manifest);
        }
        return manifests;
    }

    private static boolean willRun(StageContext ctx, List<Stage> stages, String name, boolean force) {
        return stages.stream().anyMatch(s -> s.name().equals(name))
                && (force || ctx.store().manifest(ctx.artifact(name)).isEmpty());
    }
}

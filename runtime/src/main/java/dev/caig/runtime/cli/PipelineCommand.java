package dev.caig.runtime.cli;

import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import dev.caig.runtime.pipeline.PipelineRunner;
import dev.caig.runtime.eval.EvaluateStage;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Runs a training pipeline: market -> pretrain + reward -> pcpo (+ dpo ablation) -> evaluate.",
                "Stages whose artifact exists and was made with the same settings are skipped, so a re-run continues",
                "where it stopped; one made with other settings stops the run (see --force-stage)."})
final class PipelineCommand implements Runnable {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Pipeline config (YAML or JSON).")
    Path config;

    @Option(names = "--out", paramLabel = "URI", description = "Where the artifacts go: s3://bucket/prefix or a local folder "
            + "(default: s3://caig/<name>, on the embedded S3 server unless CAIG_S3_ENDPOINT is set).")
    String out;

    @Option(names = "--stage", paramLabel = "NAME", description = "Run only this stage (what a Kubernetes Job does).")
    String stage;

    @Option(names = "--force", description = "Re-run every stage from scratch, even those whose artifact exists.")
    boolean force;

    @Option(names = "--force-stage", paramLabel = "NAME", description = "Re-run this stage from scratch (repeatable); "
            + "stages that read its artifact are made again too.")
    java.util.Set<String> forceStages = new java.util.LinkedHashSet<>();

    @Option(names = "--export", paramLabel = "DIR", description = "Copy the evaluation report here at the end (default: out/<name>).")
    Path export;

    @Override
    public void run() {
        PipelineConfig pipeline = PipelineConfigLoader.load(config);
        ArtifactUri root = ArtifactUri.parse(out != null ? out : "s3://caig/" + pipeline.name());
        StageRunner.withContext(root, pipeline, Map.of(), ctx -> {
            Map<String, ArtifactManifest> done = new PipelineRunner(System.err).run(ctx, stage, force, forceStages);
            if (done.containsKey(EvaluateStage.NAME)) {
                Path target = export != null ? export : Path.of("out", pipeline.name());
                ctx.store().fetch(ctx.artifact(EvaluateStage.NAME), target);
                System.out.println("report: " + target.resolve(EvaluateStage.REPORT_MD).toAbsolutePath());
            }
            System.out.println("artifacts: " + root);
            return null;
        });
    }
}

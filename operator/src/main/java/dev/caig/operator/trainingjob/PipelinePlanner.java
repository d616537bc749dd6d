package dev.caig.operator.trainingjob;

import java.util.ArrayList;
import java.util.List;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobSpec;

/**
 * Turns a spec into the DAG: market (only for a simulated market) -> pretrain || reward -> pcpo || dpo (ablation)
 * -> evaluate. A stage with fromArtifact is skipped and its URI taken as given.
 */
public final class PipelinePlanner {

    private PipelinePlanner() {
    }

    public static PipelinePlan plan(AdImageTrainingJob job) {
        AdImageTrainingJobSpec spec = job.getSpec();
        String out = outUri(job);
        List<PlannedStage> stages = new ArrayList<>();
        List<Stage> dataDeps = new ArrayList<>();
        if (spec.getData() != null && spec.getData().getMarket() != null) {
            stages.add(made(Stage.MARKET, List.of(), out));
            dataDeps.add(Stage.MARKET);
        }
        stages.add(stage(Stage.PRETRAIN, dataDeps, out,
                spec.getPretrain() == null ? null : spec.getPretrain().getFromArtifact()));
        stages.add(stage(Stage.REWARD, dataDeps, out, spec.getReward() == null ? null : spec.getReward().getFromArtifact()));
        List<Stage> trained = List.of(Stage.PRETRAIN, Stage.REWARD);
        stages.add(stage(Stage.PCPO, trained, out, spec.getPcpo() == null ? null : spec.getPcpo().getFromArtifact()));
        boolean evaluate = RuntimeDefaults.evaluateEnabled(spec);
        if (evaluate && RuntimeDefaults.ablation(spec)) {
            stages.add(made(Stage.DPO, trained, out));
        }
        if (evaluate) {
            List<Stage> evalDeps = new ArrayList<>(List.of(Stage.REWARD, Stage.PCPO));
            if (RuntimeDefaults.ablation(spec)) {
                evalDeps.add(Stage.DPO);
            }
            stages.add(made(Stage.EVALUATE, evalDeps, out));
        }
        return new PipelinePlan(out, stages);
    }

    /**
     * s3://<bucket>/<prefix>; the prefix defaults to caig/<namespace>/<name>/<uid>: a re-created resource (new UID)
     * never finds, and so never reuses or overwrites, an earlier one's artifacts (fromArtifact is the way to reuse).
     */
    public static String outUri(AdImageTrainingJob job) {
        String prefix = job.getSpec().getArtifacts().getPrefix();
        if (prefix == null || prefix.isBlank()) {
            prefix = "caig/" + job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
            if (job.getMetadata().getUid() != null) {
                prefix += "/" + job.getMetadata().getUid();
            }
        }
        return "s3://" + job.getSpec().getArtifacts().getBucket() + "/" + prefix;
    }

    private static PlannedStage stage(Stage stage, List<Stage> deps, String out, String fromArtifact) {
        if (fromArtifact != null && !fromArtifact.isBlank()) {
            return new PlannedStage(stage, deps, folder(fromArtifact), true);
        }
        return made(stage, deps, out);
    }

    private static PlannedStage made(Stage stage, List<Stage> deps, String out) {
        return new PlannedStage(stage, deps, out + "/" + stage.id() + "/", false);
    }

    private static String folder(String uri) {
        return uri.endsWith("/") ? uri : uri + "/";
    }
}

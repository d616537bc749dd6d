package dev.caig.operator.trainingjob;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobSpec;
import dev.caig.operator.crd.v1alpha1.StagePlacement;
import dev.caig.operator.crd.v1alpha1.StageResources;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.runtimepod.RuntimeJobTemplate;
import dev.caig.operator.runtimepod.RuntimePod;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The desired batch/v1 Job of one stage. Pure: depends only on the resource, the plan and the settings, so that the
 * same input always yields the same Job (and the same name).
 */
public final class StageJobFactory {
    public static final String CONFIG_DIR = "/etc/caig";
    /** Pod annotation naming the training job in full (labels are cut at 63 characters). */
    public static final String OWNER_ANNOTATION = "caig.dev/training-job-name";
    /** The runtime records this in each manifest it writes (the producing resource's UID). */
    public static final String PRODUCER_UID_ENV = "CAIG_PRODUCER_UID";
    /** oneMKL's conditional numerical reproducibility: its AVX2 code path in strict mode. */
    private static final String REPRODUCIBLE_MATH_ENV = "MKL_CBWR";
    private static final String REPRODUCIBLE_MATH = "AVX2,STRICT";
    /** The runtime's exit codes for input no retry can fix: see RuntimeJobTemplate. */
    public static final int EXIT_USAGE = RuntimeJobTemplate.EXIT_USAGE;
    public static final int EXIT_INVALID_INPUT = RuntimeJobTemplate.EXIT_INVALID_INPUT;

    private StageJobFactory() {
    }

    public static Job desired(AdImageTrainingJob job, PipelinePlan plan, PlannedStage stage, OperatorSettings settings) {
        AdImageTrainingJobSpec spec = job.getSpec();
        String name = job.getMetadata().getName();
        String stageId = stage.stage().id();
        // Per stage: a job may give GPUs only to some stages, and only those run the CUDA image.
        ResourceRequirements resources = RuntimePod.resources(stageResources(spec, stage.stage()), spec.getResources(),
                rendersWithDiffusion(spec, stage.stage()));
        Job desired = RuntimeJobTemplate.build(new RuntimeJobTemplate.Request(ResourceNames.stageJob(name, stageId),
                job.getMetadata().getNamespace(), Owners.controllerReference(job), ResourceNames.stageLabels(name, stageId),
                ResourceNames.stageLabels(name, stageId), Map.of(OWNER_ANNOTATION, name), spec,
                stagePlacement(spec, stage.stage()), spec.getQueueName(), RuntimeDefaults.suspended(spec), resources,
                List.of("pipeline", "--config", CONFIG_DIR + "/" + PipelineConfigRenderer.FILE, "--out", plan.outUri(),
                        "--stage", stageId),
                env(job, settings),
                List.of(new VolumeBuilder().withName("config").withNewConfigMap()
                        .withName(ResourceNames.pipelineConfig(name)).endConfigMap().build()),
                List.of(new VolumeMountBuilder().withName("config").withMountPath(CONFIG_DIR).withReadOnly(true).build())),
                settings);
        desired.getSpec().setBackoffLimit(RuntimeDefaults.retryLimit(spec));
        desired.getSpec().setActiveDeadlineSeconds(spec.getActiveDeadlineSeconds());
        return desired;
    }

    private static List<EnvVar> env(AdImageTrainingJob job, OperatorSettings settings) {
        List<EnvVar> env = new ArrayList<>(RuntimePod.storeEnv(job.getSpec().getStore(), settings));
        // Written into every manifest: cleanup deletes only artifacts that name this resource (ArtifactCleanup).
        env.add(new EnvVar(PRODUCER_UID_ENV, job.getMetadata().getUid(), null));
        if (Boolean.TRUE.equals(job.getSpec().getReproducible())) {
            // oneMKL (linked into libtorch) is not repeatable from run to run outside its strict mode: without it,
            // paper.yaml's reward stage gave 4 different models in 4 runs on one Intel node (README, Reproducibility)
            env.add(new EnvVar(REPRODUCIBLE_MATH_ENV, REPRODUCIBLE_MATH, null));
        }
        return env;
    }

    /** PCPO sampling, the DPO ablation and evaluation render ads; the other stages never do. */
    static boolean rendersWithDiffusion(AdImageTrainingJobSpec spec, Stage stage) {
        boolean renders = stage == Stage.PCPO || stage == Stage.DPO || stage == Stage.EVALUATE;
        return renders && spec.getRender() != null && spec.getRender().isDiffusion();
    }

    /** A stage's own resources; dpo trains like pcpo, and market has none of its own. */
    static StageResources stageResources(AdImageTrainingJobSpec spec, Stage stage) {
        return switch (stage) {
            case PRETRAIN -> spec.getPretrain() == null ? null : spec.getPretrain().getResources();
            case REWARD -> spec.getReward() == null ? null : spec.getReward().getResources();
            case PCPO, DPO -> spec.getPcpo() == null ? null : spec.getPcpo().getResources();
            case EVALUATE -> spec.getEvaluate() == null ? null : spec.getEvaluate().getResources();
            case MARKET -> null;
        };
    }

    /** A stage's own placement (dpo runs where pcpo runs; market, which only writes data, has none). */
    static StagePlacement stagePlacement(AdImageTrainingJobSpec spec, Stage stage) {
        return switch (stage) {
            case PRETRAIN -> spec.getPretrain();
            case REWARD -> spec.getReward();
            case PCPO, DPO -> spec.getPcpo();
            case EVALUATE -> spec.getEvaluate();
            case MARKET -> null;
        };
    }
}

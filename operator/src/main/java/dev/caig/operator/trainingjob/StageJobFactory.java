package dev.caig.operator.trainingjob;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobSpec;
import dev.caig.operator.crd.v1alpha1.StageResources;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.runtimepod.RuntimePod;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

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
    /** The runtime's exit codes for input no retry can fix (picocli's usage error; CaigCommand.EXIT_INVALID_INPUT). */
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INVALID_INPUT = 4;

    private StageJobFactory() {
    }

    public static Job desired(AdImageTrainingJob job, PipelinePlan plan, PlannedStage stage, OperatorSettings settings) {
        AdImageTrainingJobSpec spec = job.getSpec();
        String name = job.getMetadata().getName();
        String stageId = stage.stage().id();
        Map<String, String> jobLabels = ResourceNames.stageLabels(name, stageId);
        if (spec.getQueueName() != null) {
            jobLabels.put(ResourceNames.KUEUE_QUEUE_LABEL, spec.getQueueName());
        }
        // Kueue admits a queued Job by unsuspending it, so queued Jobs start suspended (Kueue's own convention).
        boolean startSuspended = spec.getQueueName() != null || RuntimeDefaults.suspended(spec);
        // Per stage: a job may give GPUs only to some stages, and only those run the CUDA image.
        ResourceRequirements resources = RuntimePod.resources(stageResources(spec, stage.stage()), spec.getResources(),
                rendersWithDiffusion(spec, stage.stage()));
        Map<String, String> annotations = new LinkedHashMap<>();
        if (RuntimeDefaults.suspended(spec)) {
            annotations.put(ResourceNames.SUSPENDED_BY_OPERATOR_ANNOTATION, "true");
        }
        return new JobBuilder()
                .withNewMetadata()
                .withName(ResourceNames.stageJob(name, stageId))
                .withNamespace(job.getMetadata().getNamespace())
                .withLabels(jobLabels)
                .withAnnotations(annotations)
                .withOwnerReferences(Owners.controllerReference(job))
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(RuntimeDefaults.retryLimit(spec))
                // A pod evicted or preempted (e.g. a reclaimed GPU node) is not the stage's fault: no retry is spent.
                // Bad input (caig exit 4, or 2 for bad usage) fails at once: a retry would fail the same way.
                .withNewPodFailurePolicy().addNewRule().withAction("Ignore")
                .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition()
                .endRule().addNewRule().withAction("FailJob").withNewOnExitCodes().withContainerName(RuntimePod.CONTAINER)
                .withOperator("In").withValues(EXIT_USAGE, EXIT_INVALID_INPUT).endOnExitCodes().endRule()
                .endPodFailurePolicy()
                .withTtlSecondsAfterFinished((int) settings.finishedJobTtl().toSeconds())
                .withActiveDeadlineSeconds(spec.getActiveDeadlineSeconds())
                .withSuspend(startSuspended)
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(ResourceNames.stageLabels(name, stageId))
                .withAnnotations(Map.of(OWNER_ANNOTATION, name))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(spec.getServiceAccountName())
                .withAutomountServiceAccountToken(false)
                .withPriorityClassName(spec.getPriorityClassName())
                .withNodeSelector(spec.getNodeSelector())
                .withTolerations(spec.getTolerations())
                .withSecurityContext(RuntimePod.podSecurity())
                .withVolumes(new VolumeBuilder().withName("config").withNewConfigMap()
                        .withName(ResourceNames.pipelineConfig(name)).endConfigMap().build(), RuntimePod.workVolume())
                .addNewContainer()
                .withName(RuntimePod.CONTAINER)
                .withImage(RuntimePod.image(spec.getImage(), resources, settings))
                .withArgs("pipeline", "--config", CONFIG_DIR + "/" + PipelineConfigRenderer.FILE,
                        "--out", plan.outUri(), "--stage", stageId)
                .withEnv(env(job, settings))
                .withVolumeMounts(new VolumeMountBuilder().withName("config").withMountPath(CONFIG_DIR).withReadOnly(true).build(),
                        RuntimePod.workMount())
                .withResources(resources)
                .withSecurityContext(RuntimePod.containerSecurity())
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static List<EnvVar> env(AdImageTrainingJob job, OperatorSettings settings) {
        List<EnvVar> env = new ArrayList<>(RuntimePod.storeEnv(job.getSpec().getStore(), settings));
        env.addAll(RuntimePod.workDirEnv());
        // Written into every manifest: cleanup deletes only artifacts that name this resource (ArtifactCleanup).
        env.add(new EnvVar(PRODUCER_UID_ENV, job.getMetadata().getUid(), null));
        return env;
    }

    /** A stage's own resources; dpo trains like pcpo, and market has none of its own. */
    /** PCPO sampling, the DPO ablation and evaluation render ads; the other stages never do. */
    static boolean rendersWithDiffusion(AdImageTrainingJobSpec spec, Stage stage) {
        boolean renders = stage == Stage.PCPO || stage == Stage.DPO || stage == Stage.EVALUATE;
        return renders && spec.getRender() != null && spec.getRender().isDiffusion();
    }

    static StageResources stageResources(AdImageTrainingJobSpec spec, Stage stage) {
        return switch (stage) {
            case PRETRAIN -> spec.getPretrain() == null ? null : spec.getPretrain().getResources();
            case REWARD -> spec.getReward() == null ? null : spec.getReward().getResources();
            case PCPO, DPO -> spec.getPcpo() == null ? null : spec.getPcpo().getResources();
            case EVALUATE -> spec.getEvaluate() == null ? null : spec.getEvaluate().getResources();
            case MARKET -> null;
        };
    }
}

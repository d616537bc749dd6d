package dev.caig.operator.runtimepod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.PodSettings;
import dev.caig.operator.crd.v1alpha1.StagePlacement;
import dev.caig.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

/**
 * The one batch/v1 Job shape every runtime Job shares (training stages and batch steps): the resource's pod settings,
 * the security context, the work dir, the podFailurePolicy, ttlSecondsAfterFinished and the Kueue queue label. Callers
 * add what is their own (a config volume, an Indexed completion mode) to the Job this returns.
 */
public final class RuntimeJobTemplate {
    /** The runtime's exit codes for input no retry can fix (picocli's usage error; CaigCommand.EXIT_INVALID_INPUT). */
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INVALID_INPUT = 4;

    /**
     * @param jobLabels      labels of the Job (the pods get {@code podLabels})
     * @param placement      a stage's own node selector and tolerations on top of the spec-wide ones, or null
     * @param queueName      Kueue LocalQueue, or null
     * @param suspendedByOperator the resource asks to be suspended (spec.suspend) when the Job is made
     */
    public record Request(String name, String namespace, OwnerReference owner, Map<String, String> jobLabels,
            Map<String, String> podLabels, Map<String, String> podAnnotations, PodSettings pod, StagePlacement placement,
            String queueName, boolean suspendedByOperator, ResourceRequirements resources, List<String> args,
            List<EnvVar> env, List<Volume> volumes, List<VolumeMount> mounts) {
    }

    private RuntimeJobTemplate() {
    }

    public static Job build(Request r, OperatorSettings settings) {
        Map<String, String> jobLabels = new LinkedHashMap<>(r.jobLabels());
        if (r.queueName() != null) {
            jobLabels.put(ResourceNames.KUEUE_QUEUE_LABEL, r.queueName());
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        if (r.suspendedByOperator() && r.queueName() == null) {
            annotations.put(ResourceNames.SUSPENDED_BY_OPERATOR_ANNOTATION, "true");
        }
        List<Volume> volumes = new ArrayList<>(r.volumes());
        volumes.add(RuntimePod.workVolume());
        List<VolumeMount> mounts = new ArrayList<>(r.mounts());
        mounts.add(RuntimePod.workMount());
        List<EnvVar> env = new ArrayList<>(r.env());
        env.addAll(RuntimePod.workDirEnv());
        return new JobBuilder()
                .withNewMetadata()
                .withName(r.name())
                .withNamespace(r.namespace())
                .withLabels(jobLabels)
                .withAnnotations(annotations)
                .withOwnerReferences(r.owner())
                .endMetadata()
                .withNewSpec()
                // Kueue admits a queued Job by unsuspending it, so a queued Job starts suspended (Kueue's convention);
                // from then on Kueue alone flips .spec.suspend (KueueJobs).
                .withSuspend(r.queueName() != null || r.suspendedByOperator())
                // A pod evicted or preempted (e.g. a reclaimed GPU node) is not the Job's fault: no retry is spent.
                // Bad input (caig exit 4, or 2 for bad usage) fails at once: a retry would fail the same way.
                .withNewPodFailurePolicy().addNewRule().withAction("Ignore")
                .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition()
                .endRule().addNewRule().withAction("FailJob").withNewOnExitCodes().withContainerName(RuntimePod.CONTAINER)
                .withOperator("In").withValues(EXIT_USAGE, EXIT_INVALID_INPUT).endOnExitCodes().endRule()
                .endPodFailurePolicy()
                // The owner's status keeps what a finished Job reported, so the Job itself can go.
                .withTtlSecondsAfterFinished((int) settings.finishedJobTtl().toSeconds())
                .withNewTemplate()
                .withNewMetadata().withLabels(r.podLabels()).withAnnotations(r.podAnnotations()).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(r.pod().getServiceAccountName())
                .withAutomountServiceAccountToken(false)
                .withPriorityClassName(r.pod().getPriorityClassName())
                .withNodeSelector(nodeSelector(r.pod(), r.placement()))
                .withTolerations(tolerations(r.pod(), r.placement()))
                .withSecurityContext(RuntimePod.podSecurity())
                .withVolumes(volumes)
                .addNewContainer()
                .withName(RuntimePod.CONTAINER)
                .withImage(RuntimePod.image(r.pod().getImage(), r.resources(), settings))
                .withArgs(r.args())
                .withEnv(env)
                .withVolumeMounts(mounts)
                .withResources(r.resources())
                .withSecurityContext(RuntimePod.containerSecurity())
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The spec-wide node selector with the stage's own keys on top; null when neither sets one. */
    public static Map<String, String> nodeSelector(PodSettings pod, StagePlacement placement) {
        Map<String, String> own = placement == null ? null : placement.getNodeSelector();
        if (own == null || own.isEmpty()) {
            return pod.getNodeSelector();
        }
        Map<String, String> merged = new LinkedHashMap<>();
        if (pod.getNodeSelector() != null) {
            merged.putAll(pod.getNodeSelector());
        }
        merged.putAll(own);
        return merged;
    }

    /** The spec-wide tolerations and then the stage's own; null when neither sets any. */
    public static List<Toleration> tolerations(PodSettings pod, StagePlacement placement) {
        List<Toleration> own = placement == null ? null : placement.getTolerations();
        if (own == null || own.isEmpty()) {
            return pod.getTolerations();
        }
        List<Toleration> all = new ArrayList<>();
        if (pod.getTolerations() != null) {
            all.addAll(pod.getTolerations());
        }
        own.stream().filter(t -> !all.contains(t)).forEach(all::add);
        return all;
    }
}

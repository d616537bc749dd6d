package dev.caig.operator.runtimepod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.PodSettings;
import dev.caig.operator.crd.v1alpha1.StagePlacement;
import dev.caig.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;

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
        // Plain model objects, not the nested fluent builders: each builder's end...() copies the whole subtree
        // built so far, which made building Jobs 8 % of the CPU in the 5,000-job benchmark.
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(r.name());
        metadata.setNamespace(r.namespace());
        metadata.setLabels(jobLabels);
        metadata.setAnnotations(annotations);
        metadata.setOwnerReferences(new ArrayList<>(List.of(r.owner())));

        Container container = new Container();
        container.setName(RuntimePod.CONTAINER);
        container.setImage(RuntimePod.image(r.pod().getImage(), r.resources(), settings));
        container.setArgs(new ArrayList<>(r.args()));
        container.setEnv(env);
        container.setVolumeMounts(mounts);
        container.setResources(r.resources());
        container.setSecurityContext(RuntimePod.containerSecurity());

        PodSpec pod = new PodSpec();
        pod.setRestartPolicy("Never");
        pod.setServiceAccountName(r.pod().getServiceAccountName());
        pod.setAutomountServiceAccountToken(false);
        pod.setPriorityClassName(r.pod().getPriorityClassName());
        pod.setNodeSelector(copy(nodeSelector(r.pod(), r.placement())));
        List<Toleration> tolerations = tolerations(r.pod(), r.placement());
        pod.setTolerations(tolerations == null ? null : new ArrayList<>(tolerations));
        pod.setSecurityContext(RuntimePod.podSecurity());
        pod.setVolumes(volumes);
        pod.setContainers(new ArrayList<>(List.of(container)));

        ObjectMeta podMetadata = new ObjectMeta();
        podMetadata.setLabels(copy(r.podLabels()));
        podMetadata.setAnnotations(copy(r.podAnnotations()));

        JobSpec spec = new JobSpec();
        // Kueue admits a queued Job by unsuspending it, so a queued Job starts suspended (Kueue's convention);
        // from then on Kueue alone flips .spec.suspend (KueueJobs).
        spec.setSuspend(r.queueName() != null || r.suspendedByOperator());
        spec.setPodFailurePolicy(podFailurePolicy());
        // The owner's status keeps what a finished Job reported, so the Job itself can go.
        spec.setTtlSecondsAfterFinished((int) settings.finishedJobTtl().toSeconds());
        spec.setTemplate(new PodTemplateSpec(podMetadata, pod));

        Job job = new Job();
        job.setMetadata(metadata);
        job.setSpec(spec);
        return job;
    }

    /**
     * A pod evicted or preempted (e.g. a reclaimed GPU node) is not the Job's fault: no retry is spent. Bad input
     * (caig exit 4, or 2 for bad usage) fails at once: a retry would fail the same way.
     */
    private static PodFailurePolicy podFailurePolicy() {
        PodFailurePolicyRule disruption = new PodFailurePolicyRule();
        disruption.setAction("Ignore");
        disruption.setOnPodConditions(new ArrayList<>(List.of(new PodFailurePolicyOnPodConditionsPattern("True", "DisruptionTarget"))));
        PodFailurePolicyRule badInput = new PodFailurePolicyRule();
        badInput.setAction("FailJob");
        badInput.setOnExitCodes(new PodFailurePolicyOnExitCodesRequirement(RuntimePod.CONTAINER, "In",
                new ArrayList<>(List.of(EXIT_USAGE, EXIT_INVALID_INPUT))));
        return new PodFailurePolicy(new ArrayList<>(List.of(disruption, badInput)));
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? null : new LinkedHashMap<>(map);
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

package dev.caig.operator.batch;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageBatchSpec;
import dev.caig.operator.generator.ResolvedModel;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.runtimepod.RuntimePod;
import dev.caig.operator.trainingjob.Owners;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The desired Jobs of an AdImageBatch. Pure: the same batch and model always give the same Jobs.
 * <ul>
 * <li>generate: an Indexed Job, one completion per shard; the pod's completion index picks its shard
 * ({@code caig generate --shard $(JOB_COMPLETION_INDEX)/N --out <output>/shards/<index>}); a failed shard is retried
 * on its own ({@code backoffLimitPerIndex}) and resumes what it had written.</li>
 * <li>merge: one pod joining the shards' outputs into one manifest ({@code caig generate merge}).</li>
 * </ul>
 */
public final class BatchJobFactory {
    public static final String GENERATE = "generate";
    public static final String MERGE = "merge";
    /** The completion index as the Job controller annotates each pod of an Indexed Job. */
    static final String INDEX_ANNOTATION_PATH = "metadata.annotations['batch.kubernetes.io/job-completion-index']";
    public static final int DEFAULT_CANDIDATES = 4;
    public static final int DEFAULT_SIZE = 256;
    public static final int DEFAULT_RETRIES = 2;

    private BatchJobFactory() {
    }

    /** Where shard {@code index}'s output goes. */
    public static String shardUri(AdImageBatchSpec spec, String index) {
        return outputUri(spec) + "/shards/" + index;
    }

    /** The output prefix without a trailing slash. */
    public static String outputUri(AdImageBatchSpec spec) {
        String out = spec.getOutputUri();
        return out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    }

    public static Job generate(AdImageBatch batch, ResolvedModel model, OperatorSettings settings) {
        AdImageBatchSpec spec = batch.getSpec();
        int shards = spec.getShards();
        List<String> args = new ArrayList<>(List.of("generate",
                "--policy", model.policyUri(), "--reward", model.rewardUri(), "--catalog", spec.getCatalogUri(),
                "--candidates", String.valueOf(orDefault(spec.getCandidates(), DEFAULT_CANDIDATES)),
                "--seed", String.valueOf(spec.getSeed() == null ? 0L : spec.getSeed()),
                "--size", String.valueOf(spec.getRender() == null || spec.getRender().getSize() == null
                        ? DEFAULT_SIZE : spec.getRender().getSize()),
                // $(VAR) is expanded by the kubelet from the container's env
                "--shard", "$(JOB_COMPLETION_INDEX)/" + shards,
                "--out", shardUri(spec, "$(JOB_COMPLETION_INDEX)")));
        if (spec.getRender() != null) {
            // the render section as JSON: the runtime reads it with the pipeline config's own reader
            args.addAll(List.of("--render-settings", Serialization.asJson(spec.getRender())));
        }
        Job job = base(batch, GENERATE, args, model, settings);
        job.getSpec().setCompletionMode("Indexed");
        job.getSpec().setCompletions(shards);
        job.getSpec().setParallelism(spec.getParallelism() == null ? shards : spec.getParallelism());
        job.getSpec().setBackoffLimitPerIndex(orDefault(spec.getRetriesPerShard(), DEFAULT_RETRIES));
        // Clusters without per-index retries (before Kubernetes 1.29 / the JobBackoffLimitPerIndex gate) ignore the
        // field; backoffLimit then bounds the retries of all shards together.
        job.getSpec().setBackoffLimit(shards * (orDefault(spec.getRetriesPerShard(), DEFAULT_RETRIES) + 1));
        job.getSpec().setActiveDeadlineSeconds(spec.getActiveDeadlineSeconds());
        job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().add(new EnvVarBuilder()
                .withName("JOB_COMPLETION_INDEX").withNewValueFrom().withNewFieldRef().withFieldPath(INDEX_ANNOTATION_PATH)
                .endFieldRef().endValueFrom().build());
        return job;
    }

    public static Job merge(AdImageBatch batch, ResolvedModel model, OperatorSettings settings) {
        AdImageBatchSpec spec = batch.getSpec();
        List<String> args = new ArrayList<>(List.of("generate", "merge", "--out", outputUri(spec), "--from"));
        for (int i = 0; i < spec.getShards(); i++) {
            args.add(shardUri(spec, String.valueOf(i)));
        }
        Job job = base(batch, MERGE, args, model, settings);
        job.getSpec().setBackoffLimit(orDefault(spec.getRetriesPerShard(), DEFAULT_RETRIES));
        // the merge reads rows and writes manifests: no GPU, whatever the shards asked for
        job.getSpec().getTemplate().getSpec().getContainers().get(0).setResources(new ResourceRequirements());
        job.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(RuntimePod.orDefault(spec.getImage(), settings.runtimeImage()));
        return job;
    }

    private static Job base(AdImageBatch batch, String step, List<String> args, ResolvedModel model, OperatorSettings settings) {
        AdImageBatchSpec spec = batch.getSpec();
        String name = batch.getMetadata().getName();
        Map<String, String> labels = ResourceNames.batchLabels(name, step);
        labels.put(ResourceNames.BUSINESS_UNIT_LABEL, spec.getBusinessUnit());
        Map<String, String> jobLabels = new LinkedHashMap<>(labels);
        if (spec.getQueueName() != null) {
            jobLabels.put(ResourceNames.KUEUE_QUEUE_LABEL, spec.getQueueName());
        }
        boolean suspend = Boolean.TRUE.equals(spec.getSuspend());
        Map<String, String> annotations = new LinkedHashMap<>();
        if (suspend) {
            annotations.put(ResourceNames.SUSPENDED_BY_OPERATOR_ANNOTATION, "true");
        }
        // shards that render with diffusion get a GPU unless their resources say otherwise
        ResourceRequirements resources = RuntimePod.resources(spec.getResources(), null,
                model.rendersWithDiffusion(spec.getRender()));
        List<EnvVar> env = new ArrayList<>(RuntimePod.storeEnv(model.store(), settings));
        env.addAll(RuntimePod.workDirEnv());
        return new JobBuilder()
                .withNewMetadata()
                .withName(ResourceNames.batchJob(name, step))
                .withNamespace(batch.getMetadata().getNamespace())
                .withLabels(jobLabels)
                .withAnnotations(annotations)
                .withOwnerReferences(Owners.controllerReference(batch))
                .endMetadata()
                .withNewSpec()
                // Kueue admits a queued Job by unsuspending it, so queued Jobs start suspended (Kueue's convention).
                .withSuspend(suspend || spec.getQueueName() != null)
                // A pod evicted or preempted is not the shard's fault: no retry is spent.
                .withNewPodFailurePolicy().addNewRule().withAction("Ignore")
                .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition()
                .endRule().endPodFailurePolicy()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(spec.getServiceAccountName())
                .withAutomountServiceAccountToken(false)
                .withPriorityClassName(spec.getPriorityClassName())
                .withNodeSelector(spec.getNodeSelector())
                .withTolerations(spec.getTolerations())
                .withSecurityContext(RuntimePod.podSecurity())
                .withVolumes(RuntimePod.workVolume())
                .addNewContainer()
                .withName(RuntimePod.CONTAINER)
                .withImage(RuntimePod.image(spec.getImage(), resources, settings))
                .withArgs(args)
                .withEnv(env)
                .withVolumeMounts(RuntimePod.workMount())
                .withResources(resources)
                .withSecurityContext(RuntimePod.containerSecurity())
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}

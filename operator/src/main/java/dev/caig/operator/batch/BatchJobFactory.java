package dev.caig.operator.batch;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageBatchSpec;
import dev.caig.operator.generator.ResolvedModel;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.runtimepod.RuntimeJobTemplate;
import dev.caig.operator.runtimepod.RuntimePod;
import dev.caig.operator.trainingjob.Owners;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
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
        // shards that render with diffusion get a GPU unless their resources say otherwise
        ResourceRequirements resources = RuntimePod.resources(spec.getResources(), null,
                model.rendersWithDiffusion(spec.getRender()));
        return RuntimeJobTemplate.build(new RuntimeJobTemplate.Request(ResourceNames.batchJob(name, step),
                batch.getMetadata().getNamespace(), Owners.controllerReference(batch), labels, labels, Map.of(), spec, null,
                spec.getQueueName(), Boolean.TRUE.equals(spec.getSuspend()), resources, args,
                RuntimePod.storeEnv(model.store(), settings), List.of(), List.of()), settings);
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}

package dev.caig.operator.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Every name and label the operator gives to objects it creates: deterministic, so a restart finds them. */
public final class ResourceNames {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String OPERATOR = "caig-operator";
    public static final String PRODUCT = "caig";
    public static final String TRAINING_JOB_LABEL = "caig.dev/training-job";
    public static final String STAGE_LABEL = "caig.dev/stage";
    public static final String GENERATOR_LABEL = "caig.dev/generator";
    public static final String BATCH_LABEL = "caig.dev/batch";
    public static final String BUSINESS_UNIT_LABEL = "caig.dev/business-unit";
    public static final String KUEUE_QUEUE_LABEL = "kueue.x-k8s.io/queue-name";
    public static final String MODEL_DIGEST_ANNOTATION = "caig.dev/model-digest";
    public static final String DESIRED_HASH_ANNOTATION = "caig.dev/desired-hash";
    /** On a stage Job: sha256 of the pipeline.yaml it was created with (the run's pinned config). */
    public static final String CONFIG_HASH_ANNOTATION = "caig.dev/config-hash";
    /** Set on a Job the operator suspended, so that resume unsuspends only those (Kueue owns the others). */
    public static final String SUSPENDED_BY_OPERATOR_ANNOTATION = "caig.dev/suspended-by-operator";

    private static final int MAX_NAME = 63;

    private ResourceNames() {
    }

    /** batch/v1 Job of one stage: "<job>-<stage>", shortened with a hash when over 63 characters. */
    public static String stageJob(String trainingJobName, String stage) {
        return withSuffix(trainingJobName, "-" + stage);
    }

    /** ConfigMap holding the rendered pipeline.yaml of a training job. */
    public static String pipelineConfig(String trainingJobName) {
        return withSuffix(trainingJobName, "-config");
    }

    /** Deployment, Service and HPA of a generator share one name. */
    public static String generator(String generatorName) {
        return withSuffix(generatorName, "");
    }

    /** batch/v1 Job of one step of an AdImageBatch ("generate", "merge"). */
    public static String batchJob(String batchName, String step) {
        return withSuffix(batchName, "-" + step);
    }

    public static Map<String, String> batchLabels(String batchName, String step) {
        Map<String, String> labels = recommended("caig-batch", batchName, step);
        labels.put(BATCH_LABEL, labelValue(batchName));
        labels.put(STAGE_LABEL, step);
        return labels;
    }

    /** The recommended app.kubernetes.io labels, on every object the operator makes. */
    public static Map<String, String> recommended(String name, String instance, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, name);
        labels.put(INSTANCE, labelValue(instance));
        labels.put(COMPONENT, component);
        labels.put(PART_OF, PRODUCT);
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }

    public static Map<String, String> trainingJobLabels(String trainingJobName) {
        Map<String, String> labels = recommended("caig-training", trainingJobName, "pipeline-config");
        labels.put(TRAINING_JOB_LABEL, labelValue(trainingJobName));
        return labels;
    }

    public static Map<String, String> stageLabels(String trainingJobName, String stage) {
        Map<String, String> labels = trainingJobLabels(trainingJobName);
        labels.put(COMPONENT, stage);
        labels.put(STAGE_LABEL, stage);
        return labels;
    }

    /** Labels that select a generator's pods (must stay stable: a Deployment selector is immutable). */
    public static Map<String, String> generatorSelector(String generatorName) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "caig-generator");
        labels.put(GENERATOR_LABEL, labelValue(generatorName));
        return labels;
    }

    public static String namespacedName(HasMetadata resource) {
        return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    }

    /** Label values are at most 63 characters. */
    public static String labelValue(String value) {
        return withSuffix(value, "");
    }

    private static String withSuffix(String base, String suffix) {
        if (base.length() + suffix.length() <= MAX_NAME) {
            return base + suffix;
        }
        String hash = sha256Hex(base).substring(0, 8);
        int keep = MAX_NAME - suffix.length() - hash.length() - 1;
        String head = base.substring(0, keep).replaceAll("[-.]+$", "");
        return head + "-" + hash + suffix;
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}

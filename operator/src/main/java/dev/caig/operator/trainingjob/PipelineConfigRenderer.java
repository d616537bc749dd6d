package dev.caig.operator.trainingjob;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobSpec;

/**
 * Renders the runtime's pipeline.yaml from the spec. Only what the user set is written: every other value is the
 * runtime's default. Kubernetes-only fields (resources, scheduling, store) never reach the runtime config.
 */
public final class PipelineConfigRenderer {
    public static final String FILE = "pipeline.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private PipelineConfigRenderer() {
    }

    public static String render(AdImageTrainingJob job) {
        try {
            return YAML.writeValueAsString(toMap(job));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render pipeline config of " + job.getMetadata().getName(), e);
        }
    }

    static Map<String, Object> toMap(AdImageTrainingJob job) {
        AdImageTrainingJobSpec spec = job.getSpec();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", job.getMetadata().getName());
        put(config, "seed", spec.getSeed());
        put(config, "data", section(spec.getData()));
        put(config, "render", section(spec.getRender()));
        put(config, "promptModel", section(spec.getPromptModel()));
        put(config, "pretrain", section(spec.getPretrain()));
        put(config, "reward", section(spec.getReward()));
        put(config, "pcpo", withDefaults(section(spec.getPcpo()), PCPO_DEFAULTS));
        put(config, "evaluate", section(spec.getEvaluate()));
        return config;
    }

    /**
     * PCPO settings the operator sets where a job leaves them out, departing from the paper's: 8 candidates per
     * product, the reward model's best against its worst: the policy keeps finding what the reward model prefers
     * where 2 or 4 samples of a narrowing policy stop differing (README, "How the method maps to this code" and
     * "Eight candidates per product").
     */
    static final Map<String, Object> PCPO_DEFAULTS = Map.of("generateNums", 8);

    private static Map<String, Object> withDefaults(Map<String, Object> section, Map<String, Object> defaults) {
        Map<String, Object> out = section == null ? new LinkedHashMap<>() : section;
        defaults.forEach(out::putIfAbsent);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Object value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> map = YAML.convertValue(value, LinkedHashMap.class);
        // where a stage runs is Kubernetes' business, not the runtime's
        map.remove("resources");
        map.remove("nodeSelector");
        map.remove("tolerations");
        return map.isEmpty() ? null : map;
    }

    private static void put(Map<String, Object> config, String key, Object value) {
        if (value != null) {
            config.put(key, value);
        }
    }
}

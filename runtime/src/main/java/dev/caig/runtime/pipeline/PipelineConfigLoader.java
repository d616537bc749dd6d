package dev.caig.runtime.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.InvalidInputException;
import dev.caig.runtime.model.RewardModelConfig;
import dev.caig.runtime.store.ArtifactUri;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a pipeline config (YAML or JSON) and checks it, naming the file and the field of every problem. */
public final class PipelineConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PipelineConfigLoader() {
    }

    public static PipelineConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CaigException(file + ": pipeline config not found");
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new CaigException(file + ": cannot read pipeline config: " + e.getMessage(), e);
        }
    }

    public static PipelineConfig parse(String text, String source) {
        PipelineConfig config = read(text, source);
        List<String> problems = validate(config);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(source + ": " + String.join("; ", problems));
        }
        return config;
    }

    private static PipelineConfig read(String text, String source) {
        PipelineConfig config;
        try {
            config = YAML.readValue(text, PipelineConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(source + ": unknown field '" + e.getPropertyName() + "' at " + path(e)
                    + " (known: " + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source + ": invalid pipeline config at " + path(e) + ": " + e.getOriginalMessage());
        }
        if (config == null) {
            throw new InvalidInputException(source + ": pipeline config is empty");
        }
        return config;
    }

    /**
     * Applies {@code path=value} overrides (dotted paths, e.g. {@code pcpo.iterations=10}; values are YAML scalars)
     * and checks the result like a loaded file.
     */
    public static PipelineConfig withOverrides(PipelineConfig config, List<String> overrides) {
        if (overrides.isEmpty()) {
            return config;
        }
        return parse(overridden(config, overrides), "--set");
    }

    /**
     * Overrides for a stage command ({@code caig pretrain --set ...}): the settings are checked as in a file, the
     * data section is not, since the command's own --catalog and --click-log replace it.
     */
    public static PipelineConfig withSettingOverrides(PipelineConfig config, List<String> overrides) {
        if (overrides.isEmpty()) {
            return config;
        }
        PipelineConfig changed = read(overridden(config, overrides), "--set");
        List<String> problems = new ArrayList<>();
        validateSettings(changed, problems);
        if (!problems.isEmpty()) {
            throw new CaigException("--set: " + String.join("; ", problems));
        }
        return changed;
    }

    private static String overridden(PipelineConfig config, List<String> overrides) {
        com.fasterxml.jackson.databind.node.ObjectNode tree = YAML.valueToTree(config);
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new CaigException("--set " + override + ": expected PATH=VALUE, e.g. pcpo.iterations=10");
            }
            String[] path = override.substring(0, eq).trim().split("\\.");
            com.fasterxml.jackson.databind.node.ObjectNode node = tree;
            for (int i = 0; i < path.length - 1; i++) {
                node = node.has(path[i]) && node.get(path[i]).isObject()
                        ? (com.fasterxml.jackson.databind.node.ObjectNode) node.get(path[i]) : node.putObject(path[i]);
            }
            try {
                node.set(path[path.length - 1], YAML.readTree(override.substring(eq + 1)));
            } catch (JsonProcessingException e) {
                throw new CaigException("--set " + override + ": cannot read the value: " + e.getOriginalMessage());
            }
        }
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toYaml(PipelineConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        return e.getLocation() == null ? "?" : "line " + e.getLocation().getLineNr();
    }

    static List<String> validate(PipelineConfig c) {
        List<String> problems = new ArrayList<>();
        validateData(c.data(), problems);
        validateSettings(c, problems);
        return problems;
    }

    private static void validateData(PipelineConfig.Data d, List<String> problems) {
        if (d.simulated() == (d.catalog() != null)) {
            problems.add("data: set either 'market' (a simulated market) or 'catalog' and 'clickLogs' (your own data)");
        }
        if (d.catalog() != null && d.clickLogs() == null) {
            problems.add("data.clickLogs: required with data.catalog");
        }
        location(problems, "data.catalog", d.catalog());
        location(problems, "data.clickLogs", d.clickLogs());
        if (d.simulated() && d.market().products() < 4) {
            problems.add("data.market.products: at least 4, got " + d.market().products());
        }
        if (d.simulated() && !(d.market().productSpecificity() >= 0 && d.market().productSpecificity() <= 4)) {
            problems.add("data.market.productSpecificity: between 0 (taste shared by a category) and 4, got "
                    + d.market().productSpecificity());
        }
        if (d.simulated() && d.market().creativesPerProduct() < 2) {
            problems.add("data.market.creativesPerProduct: at least 2, got " + d.market().creativesPerProduct());
        }
    }

    /** A local path or s3:// URI (file: works too); anything else is named with the field. */
    private static void location(List<String> problems, String field, String value) {
        if (value == null) {
            return;
        }
        try {
            ArtifactUri.parse(value);
        } catch (CaigException e) {
            problems.add(field + ": " + e.getMessage());
        }
    }

    /**
     * {@code render} with the fields of {@code settings} (a YAML/JSON map in the render section's schema) replacing
     * its own, checked like a loaded file; errors start with {@code source}.
     */
    @SuppressWarnings("unchecked")
    public static PipelineConfig.Render withRenderSettings(PipelineConfig.Render render, String settings, String source) {
        java.util.Map<String, Object> given;
        try {
            given = YAML.readValue(settings, java.util.Map.class);
        } catch (JsonProcessingException e) {
            throw new CaigException(source + ": not a YAML/JSON map: " + e.getOriginalMessage());
        }
        java.util.Map<String, Object> merged = YAML.convertValue(render, java.util.LinkedHashMap.class);
        if (given != null) {
            if (given.containsKey("model") && !given.containsKey("backend")) {
                merged.remove("backend"); // naming a model picks the diffusion back end
            }
            merged.putAll(given);
        }
        PipelineConfig.Render result;
        try {
            result = YAML.convertValue(merged, PipelineConfig.Render.class);
        } catch (IllegalArgumentException e) {
            throw new CaigException(source + ": not a render section: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = new java.util.ArrayList<>();
        validateRender(result, problems);
        if (!problems.isEmpty()) {
            throw new CaigException(source + ": " + String.join("; ", problems));
        }
        return result;
    }

    /** A render section read back from a manifest's recorded config (unknown fields from newer versions ignored). */
    static PipelineConfig.Render renderSection(java.util.Map<?, ?> section) {
        return YAML.copy().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .convertValue(section, PipelineConfig.Render.class);
    }

    private static void validateRender(PipelineConfig.Render r, List<String> problems) {
        if (r.size() < 32 || r.size() > 2048) {
            problems.add("render.size: must be in [32, 2048], got " + r.size());
        }
        if (r.backend() != null && !List.of(PipelineConfig.Render.PROCEDURAL, PipelineConfig.Render.DIFFUSION).contains(r.backend())) {
            problems.add("render.backend: must be procedural or diffusion, got " + r.backend());
        } else if (r.diffusion()) {
            if (r.model() == null || r.model().isBlank()) {
                problems.add("render.model: the diffusion back end needs the URI of a diffusion-renderer artifact");
            }
            if (r.size() % 8 != 0) {
                problems.add("render.size: the diffusion back end needs a multiple of 8, got " + r.size());
            }
        }
        String problem = r.diffusionSettings().problem();
        if (problem != null) {
            problems.add(problem);
        }
    }

    private static void validateSettings(PipelineConfig c, List<String> problems) {
        PipelineConfig.Data d = c.data();
        if (d.heldOutFraction() < 0 || d.heldOutFraction() >= 1) {
            problems.add("data.heldOutFraction: must be in [0, 1), got " + d.heldOutFraction());
        }
        PipelineConfig.PromptModelSettings m = c.promptModel();
        if (m.imageSize() % m.patchSize() != 0) {
            problems.add("promptModel.imageSize: " + m.imageSize() + " is not a multiple of patchSize " + m.patchSize());
        }
        if (m.embedDim() % m.heads() != 0) {
            problems.add("promptModel.embedDim: " + m.embedDim() + " is not a multiple of heads " + m.heads());
        }
        validateRender(c.render(), problems);
        positive(problems, "pretrain.epochs", c.pretrain().epochs());
        positive(problems, "pretrain.batchSize", c.pretrain().batchSize());
        positive(problems, "reward.epochs", c.reward().epochs());
        positive(problems, "reward.batchSize", c.reward().batchSize());
        if (c.reward().minCtrRatio() < 1 || c.reward().maxCtrRatio() < c.reward().minCtrRatio()) {
            problems.add("reward: need 1 <= minCtrRatio <= maxCtrRatio");
        }
        if (c.reward().sceneExamples() < 0 || c.reward().sceneExamples() > 1000) {
            problems.add("reward.sceneExamples: must be between 0 and 1000 (ads the renderer draws per training product to"
                    + " teach the reward model's scene head; 0 = none), got " + c.reward().sceneExamples());
        }
        if (c.reward().scenePasses() < 1 || c.reward().scenePasses() > 500) {
            problems.add("reward.scenePasses: must be between 1 and 500 (passes over the renderer's labelled ads before"
                    + " the clicks, with reward.sceneExamples), got " + c.reward().scenePasses());
        }
        if (!RewardModelConfig.TRUNKS.contains(c.reward().trunk())) {
            problems.add("reward.trunk: must be " + RewardModelConfig.PATCH_TRUNK + " (non-overlapping patches) or "
                    + RewardModelConfig.CONV_TRUNK + " (overlapping 3x3 convolutions), got " + c.reward().trunk());
        }
        if (c.reward().members() < 1 || c.reward().members() > 8) {
            problems.add("reward.members: must be between 1 and 8 (reward models trained from different seeds whose mean"
                    + " score ranks candidates; 1 = a single model, the paper's), got " + c.reward().members());
        }
        if (!(c.reward().validationFraction() >= 0 && c.reward().validationFraction() < 1)) {
            problems.add("reward.validationFraction: must be at least 0 and below 1 (the share of training products set aside"
                    + " to pick the reward model's best epoch; 0 = keep the last epoch), got " + c.reward().validationFraction());
        }
        if (!(c.reward().pointwiseWeight() >= 0) || Double.isInfinite(c.reward().pointwiseWeight())) {
            problems.add("reward.pointwiseWeight: must be a finite number >= 0 (0 = the paper's pair loss alone), got "
                    + c.reward().pointwiseWeight());
        }
        positive(problems, "pcpo.iterations", c.pcpo().iterations());
        positive(problems, "pcpo.batchSamples", c.pcpo().batchSamples());
        positive(problems, "pcpo.batchSize", c.pcpo().batchSize());
        if (c.pcpo().generateNums() < 2) {
            problems.add("pcpo.generateNums: at least 2 (two descriptions make a preference pair)");
        }
        if (c.pcpo().maskRatio() < 0 || c.pcpo().maskRatio() > 1) {
            problems.add("pcpo.maskRatio: must be in [0, 1]");
        }
        if (c.pcpo().pcpoWeight() < 0) {
            problems.add("pcpo.pcpoWeight: must be >= 0 (0 is plain DPO)");
        }
        anchorWeight(problems, "pcpo.chosenNllWeight", c.pcpo().chosenNllWeight());
        anchorWeight(problems, "pcpo.pretrainMixWeight", c.pcpo().pretrainMixWeight());
        if (c.pcpo().restarts() < 1 || c.pcpo().restarts() > 16) {
            problems.add("pcpo.restarts: must be between 1 and 16 (fine-tuning runs from other seeds, of which the one the"
                    + " reward model prefers on its validation products is published; 1 = a single run, the paper's), got "
                    + c.pcpo().restarts());
        } else if (c.pcpo().restarts() > 1 && c.reward().validationFraction() == 0) {
            problems.add("pcpo.restarts: " + c.pcpo().restarts() + " restarts are chosen on the reward model's validation"
                    + " products, and reward.validationFraction is 0: set it above 0 (e.g. 0.1) or pcpo.restarts to 1");
        }
        if (!List.of(PipelineConfig.Pcpo.REWARD_CHOOSER, PipelineConfig.Pcpo.RANDOM_CHOOSER).contains(c.pcpo().chooser())) {
            problems.add("pcpo.chooser: must be " + PipelineConfig.Pcpo.REWARD_CHOOSER + " (the method) or "
                    + PipelineConfig.Pcpo.RANDOM_CHOOSER + " (ablation), got '" + c.pcpo().chooser() + "'");
        }
        PipelineConfig.Evaluate e = c.evaluate();
        positive(problems, "evaluate.rerankCandidates", e.rerankCandidates());
        positive(problems, "evaluate.universalCandidates", e.universalCandidates());
        if (e.samplesPerProduct() * e.rerankCandidates() > 100) {
            problems.add("evaluate: samplesPerProduct x rerankCandidates must be at most 100, got "
                    + e.samplesPerProduct() * e.rerankCandidates());
        }
    }

    private static void anchorWeight(List<String> problems, String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            problems.add(field + ": must be a finite number >= 0 (0 = the paper's loss, no anchor), got " + value);
        }
    }

    private static void positive(List<String> problems, String field, int value) {
        if (value < 1) {
            problems.add(field + ": must be >= 1, got " + value);
        }
    }
}

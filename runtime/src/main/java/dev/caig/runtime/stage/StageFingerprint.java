package dev.caig.runtime.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.Provenance;
import dev.caig.runtime.store.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one definition of a stage's config hash, recorded as {@code configHash} in its artifact's and checkpoints'
 * manifests: {@code "sha256:" + hex(sha256(UTF-8 bytes of canonical JSON))} of
 * {@code {"inputs": {stage: manifest digest, ...}, "settings": {...}, "stage": name}}, where {@code settings} keeps
 * only the config sections the stage reads ({@link #relevantPaths}), with every default filled in, and the JSON has
 * its object keys sorted and no white space. A rerun whose hash differs from what exists did not make it.
 */
public record StageFingerprint(String stage, Map<String, Object> settings, Map<String, String> inputs, String hash) {

    private static final java.util.Set<String> CONFIG_SECTIONS = java.util.Arrays
            .stream(PipelineConfig.class.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * Settings added after artifacts were already being made, each with its neutral value: the one that does what
     * builds before the setting did. A manifest that lacks such a setting was made with that value, so an artifact
     * made before an upgrade still counts as made with today's settings when the setting is left at it (the hash
     * differs, the settings do not).
     */
    static final Map<String, String> NEUTRAL_WHEN_ABSENT = Map.of(
            "reward.sceneExamples", "0",
            "reward.scenePasses", "8",
            "reward.members", "1",
            "reward.trunk", "patch",
            "pcpo.chosenNllWeight", "0.0",
            "pcpo.pretrainMixWeight", "0.0",
            "pcpo.refreshReference", "false",
            "pcpo.restarts", "1");

    /** The dotted config paths a stage's result depends on; "*" is the whole config but its name. */
    static List<String> relevantPaths(String stage) {
        List<String> data = List.of("seed", "data.catalog", "data.clickLogs", "data.heldOutFraction");
        List<String> own = switch (stage) {
            case "market" -> List.of("data.market", "render.size", "render.seed");
            case "pretrain" -> List.of("promptModel", "pretrain");
            case "reward" -> List.of("reward", "render"); // render: the scene head learns from the renderer's ads
            case "pcpo", "dpo", "best-of-n" ->
                    List.of("render", "promptModel.topP", "promptModel.describeBackgrounds", "pcpo");
            default -> List.of("*");
        };
        if (stage.equals("market") || own.contains("*")) {
            return own;
        }
        List<String> all = new ArrayList<>(data);
        all.addAll(own);
        return all;
    }

    /** The stages whose artifacts a stage reads (those present in this pipeline). */
    static List<String> inputStages(String stage, PipelineConfig config) {
        List<String> inputs = new ArrayList<>();
        if (stage.equals("market")) {
            return inputs;
        }
        if (config.data().simulated()) {
            inputs.add("market");
        }
        switch (stage) {
            case "pcpo", "dpo", "best-of-n" -> inputs.addAll(List.of("pretrain", "reward"));
            case "pretrain", "reward" -> { }
            default -> {
                inputs.addAll(List.of("pretrain", "reward", "pcpo"));
                if (config.evaluate().ablation()) {
                    inputs.add("dpo");
                }
                if (config.evaluate().bestOfN()) {
                    inputs.add("best-of-n");
                }
            }
        }
        return inputs;
    }

    /** Where a stage reads another stage's artifact: a URI given to the command, the config's fromArtifact, else the root. */
    static ArtifactUri inputUri(StageContext ctx, String input) {
        String fromArtifact = switch (input) {
            case "pretrain" -> ctx.config().pretrain().fromArtifact();
            case "reward" -> ctx.config().reward().fromArtifact();
            case "pcpo" -> ctx.config().pcpo().fromArtifact();
            default -> null;
        };
        return ctx.artifacts().containsKey(input) || fromArtifact == null
                ? ctx.artifact(input) : ArtifactUri.parse(fromArtifact);
    }

    /** The fingerprint of {@code stage} in this context; an input artifact that does not exist yet counts as "missing". */
    public static StageFingerprint of(StageContext ctx, String stage) {
        Map<String, String> inputs = new TreeMap<>();
        for (String input : inputStages(stage, ctx.config())) {
            inputs.put(input, ctx.store().manifest(inputUri(ctx, input)).map(ArtifactManifest::digest).orElse("missing"));
        }
        return of(stage, ctx.config().asMap(), inputs);
    }

    /** The fingerprint of {@code stage} for a config (as a map, the way manifests store it) and input digests. */
    public static StageFingerprint of(String stage, Map<String, Object> config, Map<String, String> inputs) {
        Map<String, Object> settings = select(config, relevantPaths(stage));
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("stage", stage);
        canonical.put("settings", settings);
        canonical.put("inputs", new TreeMap<>(inputs));
        String json;
        try {
            json = CANONICAL.writeValueAsString(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a config map is always JSON", e);
        }
        return new StageFingerprint(stage, settings, Map.copyOf(inputs),
                "sha256:" + Sha256.hex(json.getBytes(StandardCharsets.UTF_8)));
    }

    public Provenance provenance() {
        return new Provenance(hash, inputs);
    }

    /**
     * What differs between this fingerprint and what an artifact was made with, one entry per setting
     * ({@code pcpo.iterations 3 -> 2}) or input ({@code input pretrain changed}); empty when they match. A manifest
     * without a hash (written before hashes existed) matches: there is nothing to compare.
     */
    public List<String> differencesFrom(ArtifactManifest made) {
        Provenance old = made.provenance();
        if (old.configHash() == null || old.configHash().equals(hash)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Map<String, Object> before = flatten(select(made.config(), relevantPaths(stage)));
        Map<String, Object> now = flatten(settings);
        boolean neutralAdditions = false;
        for (String key : new TreeSet<>(union(before.keySet(), now.keySet()))) {
            Object a = before.get(key);
            Object b = now.get(key);
            if (!Objects.equals(String.valueOf(a), String.valueOf(b))) {
                if (neutralWhenAbsent(key, a, b)) {
                    neutralAdditions = true;
                    continue;
                }
                out.add(key + " " + show(a) + " -> " + show(b));
            }
        }
        for (String input : new TreeSet<>(union(old.inputs().keySet(), inputs.keySet()))) {
            if (!Objects.equals(old.inputs().get(input), inputs.get(input))) {
                out.add("input " + input + " is another artifact than it was made from");
            }
        }
        if (out.isEmpty() && !neutralAdditions) { // settings the same, yet another hash: say so rather than guess
            out.add("config hash " + old.configHash() + " -> " + hash);
        }
        return out;
    }

    /** One side lacks a setting added later and the other has it at its neutral value. */
    private static boolean neutralWhenAbsent(String key, Object a, Object b) {
        String neutral = NEUTRAL_WHEN_ABSENT.get(key);
        return neutral != null && ((a == null && neutral.equals(String.valueOf(b)))
                || (b == null && neutral.equals(String.valueOf(a))));
    }

    /** True when the only differences are inputs (the settings are the same). */
    public boolean onlyInputsDifferFrom(ArtifactManifest made) {
        return differencesFrom(made).stream().allMatch(d -> d.startsWith("input "));
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String show(Object value) {
        return value == null ? "(unset)" : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> select(Map<String, Object> config, List<String> paths) {
        Map<String, Object> out = new TreeMap<>();
        for (String path : paths) {
            if (path.equals("*")) {
                // the config's sections only: a manifest's config also holds what the stage added (renderer, models)
                config.forEach((k, v) -> {
                    if (CONFIG_SECTIONS.contains(k) && !k.equals("name")) {
                        out.put(k, v);
                    }
                });
                continue;
            }
            String[] parts = path.split("\\.");
            Object node = config;
            for (String part : parts) {
                node = node instanceof Map<?, ?> m ? m.get(part) : null;
            }
            if (node == null) {
                continue;
            }
            Map<String, Object> target = out;
            for (int i = 0; i < parts.length - 1; i++) {
                target = (Map<String, Object>) target.computeIfAbsent(parts[i], k -> new TreeMap<String, Object>());
            }
            target.put(parts[parts.length - 1], node);
        }
        return out;
    }

    private static Map<String, Object> flatten(Map<String, Object> tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", tree, out);
        return out;
    }

    private static void flatten(String prefix, Object node, Map<String, Object> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else {
            out.put(prefix, node);
        }
    }
}

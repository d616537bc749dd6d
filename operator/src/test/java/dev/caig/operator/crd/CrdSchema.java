package dev.caig.operator.crd;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * What the API server would check on create/update, for the parts we use: object name and namespace, the OpenAPI
 * structure (types, required, unknown fields, pattern, minimum/maximum, minLength/maxLength, enum, map values) and
 * the x-kubernetes-validations CEL rules, evaluated with cel-java (no kube-apiserver can run here, see STACK.md).
 */
public final class CrdSchema {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS) // has(), all(), exists() as in Kubernetes
            .addVar("self", SimpleType.DYN).addVar("oldSelf", SimpleType.DYN).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final JsonNode schema;

    private CrdSchema(JsonNode schema) {
        this.schema = schema;
    }

    public static CrdSchema load(Path crdFile) throws IOException {
        JsonNode crd = YAML.readTree(crdFile.toFile());
        return new CrdSchema(crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema"));
    }

    /** Messages of every violated rule; empty when the object would be admitted. oldObject null = create. */
    public List<String> violations(JsonNode object, JsonNode oldObject) {
        List<String> out = new ArrayList<>();
        metadata(object.path("metadata"), out);
        walk(schema, object, oldObject, "", out);
        return out;
    }

    /** The API server's own check of every object: a name that is a DNS subdomain, a namespace that is a DNS label. */
    private static void metadata(JsonNode metadata, List<String> out) {
        String name = metadata.path("name").asText("");
        if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            out.add(".metadata.name: '" + name + "' is not a lowercase DNS subdomain");
        }
        if (metadata.has("namespace") && !DNS_LABEL.matcher(metadata.path("namespace").asText()).matches()) {
            out.add(".metadata.namespace: '" + metadata.path("namespace").asText() + "' is not a DNS label");
        }
    }

    private void walk(JsonNode s, JsonNode value, JsonNode old, String path, List<String> out) {
        structural(s, value, path, out);
        for (JsonNode rule : s.path("x-kubernetes-validations")) {
            String expr = rule.path("rule").asText();
            boolean transition = expr.contains("oldSelf");
            if (transition && (old == null || old.isMissingNode() || old.isNull())) {
                continue; // transition rules run on updates only, when the old value exists
            }
            if (!eval(expr, value, old)) {
                out.add(path + ": " + rule.path("message").asText(expr));
            }
        }
        if (value.isObject() && s.has("properties")) {
            s.path("properties").fields().forEachRemaining(e -> {
                JsonNode child = value.get(e.getKey());
                if (child != null && !child.isNull()) {
                    walk(e.getValue(), child, old == null ? null : old.get(e.getKey()), path + "." + e.getKey(), out);
                }
            });
        }
        if (value.isObject() && s.path("additionalProperties").isObject()) {
            value.fields().forEachRemaining(e -> walk(s.get("additionalProperties"), e.getValue(), null,
                    path + "." + e.getKey(), out));
        }
        if (value.isArray() && s.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(s.get("items"), value.get(i), null, path + "[" + i + "]", out);
            }
        }
    }

    private static void structural(JsonNode s, JsonNode v, String path, List<String> out) {
        String type = s.path("type").asText("");
        boolean ok = switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            default -> true;
        };
        if (!ok) {
            out.add(path + ": must be " + type);
            return;
        }
        s.path("required").forEach(r -> {
            if (!v.has(r.asText())) {
                out.add(path + "." + r.asText() + ": Required value");
            }
        });
        if (v.isObject() && s.has("properties") && !s.has("additionalProperties")
                && !s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) && !path.endsWith(".metadata")) {
            v.fieldNames().forEachRemaining(f -> {
                if (!s.path("properties").has(f) && !(path.isEmpty() && List.of("apiVersion", "kind", "metadata", "status").contains(f))) {
                    out.add(path + "." + f + ": unknown field");
                }
            });
        }
        if (s.has("pattern") && v.isTextual() && !Pattern.compile(s.get("pattern").asText()).matcher(v.asText()).find()) {
            out.add(path + ": '" + v.asText() + "' does not match " + s.get("pattern").asText());
        }
        if (s.has("minimum") && v.isNumber() && v.asDouble() < s.get("minimum").asDouble()) {
            out.add(path + ": must be >= " + s.get("minimum").asText());
        }
        if (s.has("maximum") && v.isNumber() && v.asDouble() > s.get("maximum").asDouble()) {
            out.add(path + ": must be <= " + s.get("maximum").asText());
        }
        if (s.has("minLength") && v.isTextual() && v.asText().length() < s.get("minLength").asInt()) {
            out.add(path + ": may not be shorter than " + s.get("minLength").asText());
        }
        if (s.has("maxLength") && v.isTextual() && v.asText().length() > s.get("maxLength").asInt()) {
            out.add(path + ": may not be longer than " + s.get("maxLength").asText());
        }
        if (s.has("enum") && !s.get("enum").toString().contains("\"" + v.asText() + "\"")) {
            out.add(path + ": unsupported value '" + v.asText() + "'");
        }
    }

    private static boolean eval(String expr, JsonNode self, JsonNode old) {
        try {
            CelRuntime.Program program = RUNTIME.createProgram(COMPILER.compile(expr).getAst());
            Object result = program.eval(Map.of("self", toCel(self), "oldSelf", old == null ? Map.of() : toCel(old)));
            return Boolean.TRUE.equals(result);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException("CEL rule does not compile or evaluate: " + expr, e);
        }
    }

    /** JSON to CEL values: integers as Long, numbers as Double, objects as maps. */
    static Object toCel(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), toCel(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(toCel(x)));
            return l;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.asText();
    }
}

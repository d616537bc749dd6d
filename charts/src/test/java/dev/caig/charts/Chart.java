package dev.caig.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** The chart under test, rendered with helm-java (Helm's own engine, in-process) into parsed objects. */
final class Chart {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DIR = ROOT.resolve("charts/caig-operator");
    static final String RELEASE = "caig-operator";
    static final String NAMESPACE = "caig-system";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Chart() {
    }

    static Helm helm() {
        return new Helm(DIR);
    }

    /** Renders the templates (Helm does not render crds/) with the given --set values. */
    static Rendered render(Map<String, String> sets) {
        return render(RELEASE, NAMESPACE, sets);
    }

    static Rendered render(String release, String namespace, Map<String, String> sets) {
        TemplateCommand template = helm().template().withName(release).withNamespace(namespace);
        sets.forEach(template::set);
        return Rendered.parse(template.call());
    }

    static Map<String, String> sets(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of one rendering, in order. */
    record Rendered(List<JsonNode> objects) {
        static Rendered parse(String manifest) {
            List<JsonNode> out = new ArrayList<>();
            try (YAMLParser parser = new YAMLFactory().createParser(manifest)) {
                for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                    if (doc != null && doc.isObject() && doc.size() > 0) {
                        out.add(doc);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("rendered chart is not YAML", e);
            }
            return new Rendered(out);
        }

        List<JsonNode> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        }

        Optional<JsonNode> find(String kind, String name) {
            return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
        }

        JsonNode get(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names()));
        }

        List<String> names() {
            return objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText()).toList();
        }

        JsonNode operatorContainer() {
            return get("Deployment", RELEASE).path("spec").path("template").path("spec").path("containers").get(0);
        }

        /** Env var name to its literal value, or to the valueFrom object for references. */
        Map<String, JsonNode> operatorEnv() {
            Map<String, JsonNode> env = new LinkedHashMap<>();
            for (JsonNode e : operatorContainer().path("env")) {
                env.put(e.path("name").asText(), e.has("value") ? e.get("value") : e.path("valueFrom"));
            }
            return env;
        }

        String env(String name) {
            JsonNode v = operatorEnv().getOrDefault(name, MissingNode.getInstance());
            if (!v.isTextual()) {
                throw new AssertionError("env " + name + " has no literal value: " + v);
            }
            return v.asText();
        }
    }
}

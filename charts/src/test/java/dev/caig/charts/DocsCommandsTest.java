package dev.caig.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.generator.GeneratorResources;
import dev.caig.operator.trainingjob.Stage;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Every command of the README's "For platform teams" and "For business units" sections and of samples/gitops/README.md,
 * checked without a cluster: `helm install` lines render the chart with exactly their values; `kubectl create` lines
 * run with --dry-run=client and must produce what the chart and the samples expect (names, keys, credentials);
 * `kubectl apply`, `get`, `describe`, `wait` and `port-forward` lines must name files, resources, short names, status
 * fields and Services that exist. `curl`, `jq`, `export` and `./caig` lines are run by the runtime's tests
 * (BusinessUnitCommandsIT, ClusterReportCommandTest). A command no check knows fails the test.
 */
class DocsCommandsTest {
    private static final Path README = Chart.ROOT.resolve("README.md");
    private static final Path GITOPS_README = Chart.ROOT.resolve("samples/gitops/README.md");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> RUN_BY_RUNTIME_TESTS = Map.of(
            "curl ", "serve/src/test/java/dev/caig/serve/BusinessUnitCommandsIT.java",
            "jq ", "serve/src/test/java/dev/caig/serve/BusinessUnitCommandsIT.java",
            "export ", "runtime/src/test/java/dev/caig/runtime/cli/ClusterReportCommandTest.java",
            "./caig ", "runtime/src/test/java/dev/caig/runtime/cli/ClusterReportCommandTest.java");

    /** A `helm install` line: release, namespace and --set values, rendered. */
    private record Install(String release, String namespace, Map<String, String> sets, Chart.Rendered rendered) {
        boolean minio() {
            return "true".equals(sets.get("minio.enabled"));
        }
    }

    private final List<Install> installs = new ArrayList<>();
    private final List<JsonNode> applied = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();

    @Test
    void everyDocumentedCommandIsChecked() throws Exception {
        String platform = DocCommands.section(README, "## For platform teams");
        String business = DocCommands.section(README, "## For business units");
        List<String> commands = new ArrayList<>(DocCommands.blockCommands(platform));
        commands.addAll(DocCommands.blockCommands(business));
        commands.addAll(DocCommands.blockCommands(Chart.read(GITOPS_README)));
        // inline options and commands come last: they extend the install shown before them
        commands.addAll(DocCommands.inlineCommands(platform));
        commands.addAll(DocCommands.inlineCommands(business));
        for (String command : commands) {
            check(command);
        }
        assertEquals(commands.size(), checked.size());
        assertTrue(installs.stream().anyMatch(Install::minio) && installs.stream().anyMatch(i -> !i.minio()),
                "both installs (bundled MinIO, own store) are documented");
        assertTrue(checked.stream().anyMatch(c -> c.startsWith("kubectl apply -f samples/training-quickstart.yaml")));
    }

    private void check(String command) throws Exception {
        List<String> w = DocCommands.words(command);
        String what = String.join(" ", w.subList(0, Math.min(3, w.size())));
        if (command.startsWith("helm install ")) {
            helmInstall(w);
        } else if (command.startsWith("--set ")) {
            extraSet(command);
        } else if (what.startsWith("kubectl create secret")) {
            createSecret(command, w);
        } else if (what.startsWith("kubectl create namespace")) {
            assertTrue(samplesIn(w.get(3)), command + ": no sample goes to namespace " + w.get(3));
            assertEquals(w.get(3), dryRun(w).path("metadata").path("name").asText());
        } else if (what.startsWith("kubectl apply")) {
            apply(w);
        } else if (what.startsWith("kubectl kustomize")) {
            assertTrue(Files.isDirectory(Chart.ROOT.resolve(w.get(2))), command);
            kustomize(Chart.ROOT.resolve(w.get(2)));
        } else if (what.startsWith("kubectl get") || what.startsWith("kubectl describe") || what.startsWith("kubectl wait")) {
            query(command, w);
        } else if (what.startsWith("kubectl port-forward")) {
            portForward(command, w);
        } else {
            String prefix = RUN_BY_RUNTIME_TESTS.keySet().stream().filter(command::startsWith).findFirst()
                    .orElseThrow(() -> new AssertionError("no check for the documented command: " + command));
            assertTrue(Files.exists(Chart.ROOT.resolve(RUN_BY_RUNTIME_TESTS.get(prefix))), RUN_BY_RUNTIME_TESTS.get(prefix));
        }
        checked.add(command);
    }

    private void helmInstall(List<String> w) {
        String release = w.get(2);
        assertEquals(Chart.DIR, Chart.ROOT.resolve(w.get(3)).normalize(), "the chart path");
        String namespace = "default";
        Map<String, String> sets = new LinkedHashMap<>();
        for (int i = 4; i < w.size(); i++) {
            switch (w.get(i)) {
                case "-n", "--namespace" -> namespace = w.get(++i);
                case "--create-namespace" -> {
                }
                case "--set" -> sets.putAll(parseSet(w.get(++i)));
                default -> fail("unknown helm install option " + w.get(i));
            }
        }
        Install install = new Install(release, namespace, sets, Chart.render(release, namespace, sets));
        installs.add(install);
    }

    /** An inline `--set` next to the install commands: it must render together with the first install's values. */
    private void extraSet(String option) {
        Install first = installs.get(0);
        Map<String, String> sets = new LinkedHashMap<>(first.sets());
        List<String> w = DocCommands.words(option);
        for (int i = 0; i < w.size(); i += 2) {
            assertEquals("--set", w.get(i), option);
            sets.putAll(parseSet(w.get(i + 1)));
        }
        Chart.render(first.release(), first.namespace(), sets);
    }

    /** Helm's --set syntax for what the README uses: a=b,c=d and lists {x,y}, the latter as a[0]=x,a[1]=y. */
    static Map<String, String> parseSet(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        int depth = 0;
        int from = 0;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(value.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(value.substring(from));
        for (String part : parts) {
            int eq = part.indexOf('=');
            String key = part.substring(0, eq);
            String v = part.substring(eq + 1);
            if (v.startsWith("{") && v.endsWith("}")) {
                String[] items = v.substring(1, v.length() - 1).split(",");
                for (int i = 0; i < items.length; i++) {
                    out.put(key + "[" + i + "]", items[i]);
                }
            } else {
                out.put(key, v);
            }
        }
        return out;
    }

    private void createSecret(String command, List<String> w) throws Exception {
        JsonNode secret = dryRun(w);
        String name = secret.path("metadata").path("name").asText();
        String namespace = secret.path("metadata").path("namespace").asText();
        Map<String, String> data = new LinkedHashMap<>();
        secret.path("data").fields().forEachRemaining(e -> data.put(e.getKey(),
                new String(java.util.Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        assertTrue(samplesIn(namespace), command + ": a Secret outside the samples' namespaces (the operator has no"
                + " store keys of its own; each resource names its Secret in its own namespace)");
        List<JsonNode> users = samples().stream().filter(r -> ns(r).equals(namespace)).toList();
        boolean storeSecret = users.stream().anyMatch(r -> name.equals(r.path("spec").path("store").path("credentialsSecret")
                .path("name").asText()));
        boolean keySecret = users.stream().anyMatch(r -> name.equals(r.path("spec").path("apiKeySecret").asText()));
        assertTrue(storeSecret || keySecret, command + ": no sample in " + namespace + " names Secret " + name);
        if (keySecret) {
            assertEquals(List.of("keys"), List.copyOf(data.keySet()), command + ": caig serve reads data key 'keys'");
            return;
        }
        assertEquals(List.of("accessKey", "secretKey"), List.copyOf(data.keySet()), command + ": the CRD's default key names");
        Install minio = installs.stream().filter(Install::minio).findFirst()
                .orElseThrow(() -> new AssertionError("no MinIO install before " + command));
        assertEquals(Map.of("accessKey", rootUser(minio), "secretKey", minio.sets().get("minio.rootPassword")), data,
                command + ": the pods' keys must be the bundled MinIO's");
    }

    /** The operator's own store Secret, shown just before the install that uses it. */
    private static String rootUser(Install install) {
        return install.sets().getOrDefault("minio.rootUser", "caig");
    }

    private void apply(List<String> w) throws Exception {
        String flag = w.get(2);
        Path target = Chart.ROOT.resolve(w.get(3));
        if (flag.equals("-k")) {
            assertTrue(Files.isDirectory(target), target.toString());
            kustomize(target);
            return;
        }
        assertEquals("-f", flag);
        assertTrue(Files.isRegularFile(target), "kubectl apply -f " + target + ": no such file");
        assertTrue(target.startsWith(Chart.ROOT.resolve("samples")), "only samples are applied: " + target);
        for (JsonNode doc : yamlDocs(Chart.read(target))) {
            applied.add(doc);
        }
    }

    private void query(String command, List<String> w) throws Exception {
        String namespace = option(w, "-n").orElseThrow(() -> new AssertionError(command + ": no -n"));
        String type = w.get(2);
        String name = null;
        if (type.contains("/")) {
            name = type.substring(type.indexOf('/') + 1);
            type = type.substring(0, type.indexOf('/'));
        } else if (w.size() > 3 && !w.get(3).startsWith("-")) {
            name = w.get(3);
        }
        JsonNode crd = crdWithShortName(type);
        String kind = crd.path("spec").path("names").path("kind").asText();
        if (name != null) {
            String n = name;
            assertTrue(applied.stream().anyMatch(r -> r.path("kind").asText().equals(kind) && ns(r).equals(namespace)
                    && r.path("metadata").path("name").asText().equals(n)), command + ": nothing applied before it is " + kind + " " + n);
        } else {
            assertTrue(applied.stream().anyMatch(r -> r.path("kind").asText().equals(kind) && ns(r).equals(namespace)),
                    command + ": no " + kind + " applied in " + namespace);
        }
        for (String word : w) {
            Matcher m = Pattern.compile("jsonpath=\\{([^}]*)\\}(?:=(\\w+))?").matcher(word);
            if (m.find()) {
                JsonNode leaf = schemaAt(crd, m.group(1), command);
                if (m.group(2) != null) {
                    assertTrue(leaf.path("enum").toString().contains("\"" + m.group(2) + "\""),
                            command + ": " + m.group(2) + " is not a value of " + m.group(1) + " " + leaf.path("enum"));
                }
            }
        }
        for (String word : w.subList(3, w.size())) {
            if (word.startsWith("-") && !word.startsWith("-o") && !word.startsWith("--for") && !word.startsWith("--timeout")
                    && !word.equals("-w") && !word.equals("-n")) {
                fail(command + ": unchecked option " + word);
            }
        }
    }

    private void portForward(String command, List<String> w) throws Exception {
        String namespace = option(w, "-n").orElseThrow(() -> new AssertionError(command + ": no -n"));
        String target = w.stream().filter(x -> x.startsWith("svc/")).findFirst().orElseThrow().substring(4);
        String[] ports = w.get(w.size() - 1).split(":");
        int remote = Integer.parseInt(ports[1]);
        Optional<Install> install = installs.stream().filter(i -> i.namespace().equals(namespace) && i.minio()).findFirst();
        if (install.isPresent()) {
            JsonNode service = install.get().rendered().get("Service", target);
            assertTrue(service.path("spec").path("ports").findValues("port").stream().anyMatch(p -> p.asInt() == remote),
                    command + ": Service " + target + " has no port " + remote);
            return;
        }
        JsonNode generator = samples().stream().filter(r -> r.path("kind").asText().equals("AdImageGenerator")
                && ns(r).equals(namespace) && r.path("metadata").path("name").asText().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError(command + ": no chart Service or sample generator " + target));
        Service service = GeneratorResources.service(Serialization.unmarshal(generator.toString(), AdImageGenerator.class));
        assertEquals(target, service.getMetadata().getName());
        assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == remote), command + ": port " + remote);
    }

    /** The schema node a simple JSONPath ({.status.phase}, {.status.stages[?(@.name=="evaluate")].metrics}) names. */
    private static JsonNode schemaAt(JsonNode crd, String path, String command) {
        JsonNode node = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
        Matcher seg = Pattern.compile("\\.(\\w+)(\\[\\?\\(@\\.(\\w+)==\"([^\"]+)\"\\)\\])?").matcher(path);
        int matched = 0;
        while (seg.find()) {
            matched += seg.group().length();
            node = node.path("properties").path(seg.group(1));
            assertFalse(node.isMissingNode(), command + ": the CRD has no field " + seg.group(1) + " in " + path);
            if (seg.group(2) != null) {
                node = node.path("items");
                assertTrue(node.path("properties").has(seg.group(3)), command + ": no field " + seg.group(3));
                if (seg.group(3).equals("name") && path.startsWith(".status.stages")) {
                    Stage.of(seg.group(4)); // a stage the operator reports
                }
            }
        }
        assertEquals(path.length(), matched, command + ": a JSONPath this test cannot read: " + path);
        return node;
    }

    private static JsonNode crdWithShortName(String type) throws IOException {
        try (Stream<Path> files = Files.list(Chart.ROOT.resolve("crds"))) {
            for (Path f : files.toList()) {
                JsonNode crd = YAML.readTree(f.toFile());
                JsonNode names = crd.path("spec").path("names");
                if (names.path("shortNames").toString().contains("\"" + type + "\"") || names.path("plural").asText().equals(type)) {
                    return crd;
                }
            }
        }
        throw new AssertionError("no CRD has the name or short name " + type);
    }

    private static Optional<String> option(List<String> w, String flag) {
        int i = w.indexOf(flag);
        return i < 0 ? Optional.empty() : Optional.of(w.get(i + 1));
    }

    private static String ns(JsonNode resource) {
        return resource.path("metadata").path("namespace").asText("");
    }

    private static boolean samplesIn(String namespace) throws IOException {
        return samples().stream().anyMatch(r -> ns(r).equals(namespace));
    }

    /** The custom resources of the top-level sample files. */
    private static List<JsonNode> samples() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Chart.ROOT.resolve("samples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                out.addAll(yamlDocs(Chart.read(f)));
            }
        }
        return out;
    }

    private static List<JsonNode> yamlDocs(String text) throws IOException {
        try (var parser = new YAMLFactory().createParser(text)) {
            return YAML.readValues(parser, JsonNode.class).readAll().stream().filter(d -> d != null && !d.isEmpty()).toList();
        }
    }

    /** Runs a `kubectl create ...` line with --dry-run=client -o json (no cluster needed) and returns the object. */
    private static JsonNode dryRun(List<String> words) throws Exception {
        List<String> args = new ArrayList<>(words);
        args.add("--dry-run=client");
        args.add("-o");
        args.add("json");
        return new ObjectMapper().readTree(kubectl(args));
    }

    private static void kustomize(Path dir) throws Exception {
        String out = kubectl(List.of("kubectl", "kustomize", dir.toString()));
        assertFalse(yamlDocs(out).isEmpty(), "kubectl kustomize " + dir + " built nothing");
    }

    private static String kubectl(List<String> args) throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(d -> Path.of(d, "kubectl"))
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(
                        "kubectl is needed to check the documented commands and was not found on PATH"));
        List<String> cmd = new ArrayList<>(args);
        cmd.set(0, kubectl.toString());
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", args) + " failed: " + err.strip());
        }
        return out;
    }
}

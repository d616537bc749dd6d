package dev.caig.operator.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.validation.BatchValidator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.testing.InMemoryArtifactStore;
import dev.caig.operator.testing.TestOperator;
import dev.caig.operator.validation.GeneratorValidator;
import dev.caig.operator.validation.PodPolicy;
import dev.caig.operator.validation.TrainingJobValidator;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Every custom resource under samples/ (samples/local/ holds pipeline configs, not resources) and every kustomize
 * build under samples/gitops would be admitted by the API server (structure and CEL rules, CrdSchema) and accepted
 * by the operator's own checks, and its references resolve. The overlays are built with `kubectl kustomize`.
 */
class SamplesTest {
    static final Path SAMPLES = Path.of("..", "samples");
    static final String KUSTOMIZATION = "kustomization.yaml";
    static final String KUBECTL_MISSING = "kubectl is needed to build samples/gitops (`kubectl kustomize`) and was not found on "
            + "PATH: install it (Debian: apt-get install kubectl, or the binary from https://dl.k8s.io)";
    static Map<String, CrdSchema> schemas;

    @BeforeAll
    static void load() throws Exception {
        schemas = Map.of(
                "AdImageTrainingJob", CrdSchema.load(TestOperator.crdDir().resolve("adimagetrainingjobs.caig.dev-v1.yml")),
                "AdImageGenerator", CrdSchema.load(TestOperator.crdDir().resolve("adimagegenerators.caig.dev-v1.yml")),
                "AdImageBatch", CrdSchema.load(TestOperator.crdDir().resolve("adimagebatches.caig.dev-v1.yml")));
    }

    @Test
    void everyResourceFileIsAdmittedAndAccepted() throws Exception {
        List<Path> files = resourceFiles();
        assertTrue(files.size() >= 7, "fewer sample files than expected: " + files);
        List<Resource> topLevel = new ArrayList<>();
        for (Path file : files) {
            List<Resource> resources = parse(file, Files.readString(file));
            for (Resource r : resources) {
                assertValid(r);
            }
            if (file.getParent().normalize().equals(SAMPLES.normalize())) {
                resources.forEach(r -> assertEquals("caig", r.namespace(), r.where() + ": top-level samples go to namespace caig"));
                topLevel.addAll(resources);
            }
        }
        assertReferencesResolve(topLevel);
    }

    @Test
    void theSamplesShowWhatPlatformTeamsNeed() throws Exception {
        List<Resource> all = new ArrayList<>();
        for (Path file : resourceFiles()) {
            all.addAll(parse(file, Files.readString(file)));
        }
        Resource quickstart = one(all, "training-quickstart.yaml");
        assertTrue(quickstart.spec().path("data").has("market"), "the quickstart trains on the simulated market");
        assertTrue(quickstart.yaml().findValues("gpu").stream().allMatch(g -> g.asInt() == 0), "the quickstart runs on CPU");

        List<String> stages = List.of("pretrain", "reward", "pcpo", "evaluate");
        Resource gpu = all.stream().filter(r -> r.kind().equals("AdImageTrainingJob"))
                .filter(r -> stages.stream().anyMatch(st -> r.spec().path(st).path("resources").path("gpu").asInt() > 0))
                .findFirst().orElseThrow(() -> new AssertionError("no sample gives a GPU to some stages"));
        assertTrue(gpu.spec().path("data").path("catalog").asText().startsWith("s3://"), gpu.where() + ": user data from the store");
        assertTrue(gpu.spec().path("data").path("clickLogs").asText().startsWith("s3://"), gpu.where());
        // GPU stages go to the GPU nodes; the CPU stages tolerate no GPU taint, so they stay off them
        for (String st : stages) {
            boolean gpuStage = gpu.spec().path(st).path("resources").path("gpu").asInt() > 0;
            assertEquals(gpuStage, gpu.spec().path(st).path("nodeSelector").size() > 0
                    && gpu.spec().path(st).path("tolerations").size() > 0, gpu.where() + ": placement of " + st);
        }
        assertFalse(gpu.spec().has("tolerations"), gpu.where() + ": no job-wide GPU toleration");
        assertFalse(gpu.spec().has("image"), gpu.where() + ": the operator picks the CUDA runtime image for GPU pods itself");

        Resource kueue = all.stream().filter(r -> r.spec().has("queueName")).findFirst()
                .orElseThrow(() -> new AssertionError("no sample uses a Kueue queue"));
        assertTrue(kueue.spec().has("suspend"), kueue.where() + ": shows suspend next to the queue");

        List<String> units = all.stream().filter(r -> r.kind().equals("AdImageGenerator") && r.file().getParent().equals(SAMPLES))
                .map(r -> r.spec().path("businessUnit").asText()).sorted().toList();
        assertEquals(List.of("beauty", "electronics"), units, "one generator per business unit");
        List<String> batchUnits = all.stream().filter(r -> r.kind().equals("AdImageBatch") && r.file().getParent().equals(SAMPLES))
                .map(r -> r.spec().path("businessUnit").asText()).sorted().toList();
        assertEquals(List.of("beauty", "electronics"), batchUnits, "one batch per business unit");
    }

    /**
     * samples/schedule: a CronJob that creates a batch every night from the template in a ConfigMap, with the RBAC it
     * needs. The template must be an admitted, accepted AdImageBatch; the CronJob must mount that ConfigMap and run
     * under that service account, which may create batches.
     */
    @Test
    void theNightlyScheduleCreatesAnAdmittedBatch() throws Exception {
        Path file = SAMPLES.resolve("schedule/beauty-nightly.yaml");
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(Files.readString(file))) {
            docs.addAll(CrdSchema.YAML.readValues(parser, JsonNode.class).readAll());
        }
        JsonNode configMap = kind(docs, "ConfigMap");
        JsonNode cronJob = kind(docs, "CronJob");
        JsonNode role = kind(docs, "Role");
        List<Resource> template = parse(file, configMap.path("data").path("batch.yaml").asText());
        assertEquals(1, template.size());
        JsonNode batch = template.get(0).yaml();
        assertEquals("AdImageBatch", batch.path("kind").asText());
        assertTrue(batch.path("metadata").path("generateName").asText().endsWith("-"), "a new name every night");
        ((com.fasterxml.jackson.databind.node.ObjectNode) batch.path("metadata")).put("name", "beauty-nightly-x7k2p");
        assertValid(template.get(0));
        JsonNode pod = cronJob.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        assertEquals(configMap.path("metadata").path("name").asText(), pod.path("volumes").get(0).path("configMap").path("name").asText());
        assertEquals(kind(docs, "ServiceAccount").path("metadata").path("name").asText(), pod.path("serviceAccountName").asText());
        assertTrue(role.path("rules").get(0).path("resources").toString().contains("adimagebatches")
                && role.path("rules").get(0).path("verbs").toString().contains("create"), role.toString());
        assertEquals("Forbid", cronJob.path("spec").path("concurrencyPolicy").asText(), "never two nights at once");
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d != null && kind.equals(d.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in the schedule sample"));
    }

    @Test
    void everyKustomizationBuildsIntoAdmittedResources() throws Exception {
        List<Path> dirs = kustomizeDirs();
        assertEquals(List.of("gitops/base", "gitops/overlays/beauty", "gitops/overlays/electronics"),
                dirs.stream().map(d -> SAMPLES.relativize(d).toString()).sorted().toList());
        for (Path dir : dirs) {
            List<Resource> built = parse(dir.resolve(KUSTOMIZATION), kustomize(dir));
            assertEquals(List.of("AdImageGenerator", "AdImageTrainingJob"), built.stream().map(Resource::kind).sorted().toList(),
                    dir + " builds other objects");
            for (Resource r : built) {
                assertValid(r);
            }
            assertReferencesResolve(built);
            if (dir.getParent().getFileName().toString().equals("overlays")) {
                String unit = dir.getFileName().toString();
                for (Resource r : built) {
                    assertEquals("caig-" + unit, r.namespace(), r.where());
                    assertEquals(unit, r.yaml().path("metadata").path("labels").path("caig.dev/business-unit").asText(), r.where());
                }
                Resource training = built.stream().filter(r -> r.kind().equals("AdImageTrainingJob")).findFirst().orElseThrow();
                Resource generator = built.stream().filter(r -> r.kind().equals("AdImageGenerator")).findFirst().orElseThrow();
                assertEquals("s3://caig-data/" + unit + "/catalog.json", training.spec().path("data").path("catalog").asText());
                assertEquals("s3://caig-data/" + unit + "/clicks.json", training.spec().path("data").path("clickLogs").asText());
                assertEquals(unit, generator.spec().path("businessUnit").asText());
                assertEquals(unit + "-api-keys", generator.spec().path("apiKeySecret").asText());
            }
        }
    }

    /** One custom resource, with the file it came from. */
    record Resource(Path file, int index, JsonNode yaml) {
        String kind() {
            return yaml.path("kind").asText();
        }

        String namespace() {
            return yaml.path("metadata").path("namespace").asText("");
        }

        String name() {
            return yaml.path("metadata").path("name").asText("");
        }

        JsonNode spec() {
            return yaml.path("spec");
        }

        String where() {
            return file + (index > 0 ? " (document " + (index + 1) + ")" : "") + ": " + kind() + " " + name();
        }
    }

    private static void assertValid(Resource r) throws Exception {
        assertEquals("caig.dev/v1alpha1", r.yaml().path("apiVersion").asText(), r.where());
        CrdSchema schema = schemas.get(r.kind());
        if (schema == null) {
            fail(r.where() + ": not a CAIG custom resource (kind " + r.kind() + ")");
        }
        assertEquals(List.of(), schema.violations(r.yaml(), null), r.where() + " would be rejected on create");
        assertEquals(List.of(), schema.violations(r.yaml(), r.yaml()), r.where() + " would be rejected when applied again");
        String json = r.yaml().toString();
        Optional<String> refused = switch (r.kind()) {
            case "AdImageTrainingJob" -> new TrainingJobValidator(new ArtifactReader(new InMemoryArtifactStore()), PodPolicy.OPEN)
                    .validate(Serialization.unmarshal(json, AdImageTrainingJob.class));
            case "AdImageBatch" -> new BatchValidator(PodPolicy.OPEN).validate(Serialization.unmarshal(json, AdImageBatch.class));
            default -> new GeneratorValidator(PodPolicy.OPEN).validate(Serialization.unmarshal(json, AdImageGenerator.class));
        };
        assertEquals(Optional.empty(), refused, r.where() + " would be marked Invalid by the operator");
    }

    /** A generator's trainingJobRef names a training job of the same set, in the same namespace. */
    private static void assertReferencesResolve(List<Resource> set) {
        for (Resource r : set) {
            String ref = r.spec().path("model").path("trainingJobRef").asText("");
            if ((r.kind().equals("AdImageGenerator") || r.kind().equals("AdImageBatch")) && !ref.isEmpty()) {
                assertTrue(set.stream().anyMatch(t -> t.kind().equals("AdImageTrainingJob") && t.name().equals(ref)
                        && t.namespace().equals(r.namespace())), r.where() + ": no training job " + ref + " in its namespace");
            }
        }
    }

    private static Resource one(List<Resource> all, String fileName) {
        return all.stream().filter(r -> r.file().getFileName().toString().equals(fileName)).findFirst()
                .orElseThrow(() -> new AssertionError("samples/" + fileName + " is missing"));
    }

    private static List<Resource> parse(Path file, String yaml) throws IOException {
        List<Resource> out = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            int i = 0;
            for (JsonNode doc : CrdSchema.YAML.readValues(parser, JsonNode.class).readAll()) {
                if (doc != null && !doc.isEmpty()) {
                    out.add(new Resource(file, i++, doc));
                }
            }
        }
        assertTrue(!out.isEmpty(), file + " holds no resource");
        return out;
    }

    /** YAML files with resources: everything but samples/local and the kustomization files themselves. */
    private static List<Path> resourceFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(SAMPLES)) {
            return walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !SAMPLES.relativize(p).startsWith("local"))
                    .filter(p -> !SAMPLES.relativize(p).startsWith("schedule")) // plain Kubernetes objects: tested on their own
                    .filter(p -> !p.getFileName().toString().equals(KUSTOMIZATION)).sorted().toList();
        }
    }

    private static List<Path> kustomizeDirs() throws IOException {
        try (Stream<Path> walk = Files.walk(SAMPLES)) {
            return walk.filter(p -> p.getFileName().toString().equals(KUSTOMIZATION)).map(Path::getParent).sorted().toList();
        }
    }

    /** `kubectl kustomize DIR`: what `kubectl apply -k DIR` would apply. No cluster is needed. */
    static String kustomize(Path dir) throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(d -> Path.of(d, "kubectl"))
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(KUBECTL_MISSING));
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("kubectl kustomize " + dir + " failed: " + err.strip());
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}

package dev.caig.operator.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.CleanupPolicy;
import dev.caig.operator.testing.TestOperator;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The CRDs' schema and CEL rules accept the samples and reject bad resources with a message naming the field. */
class CrdValidationRulesTest {
    static CrdSchema trainingSchema;
    static CrdSchema generatorSchema;
    static final Path SAMPLES = Path.of("..", "samples");

    @BeforeAll
    static void load() throws Exception {
        trainingSchema = CrdSchema.load(TestOperator.crdDir().resolve("adimagetrainingjobs.caig.dev-v1.yml"));
        generatorSchema = CrdSchema.load(TestOperator.crdDir().resolve("adimagegenerators.caig.dev-v1.yml"));
    }

    @Test
    void samplesParseIntoTheTypesAndPassSchemaAndCel() throws Exception {
        JsonNode training = sample("training-quickstart.yaml");
        JsonNode generator = sample("generator-beauty.yaml");
        assertEquals(List.of(), trainingSchema.violations(training, null));
        assertEquals(List.of(), generatorSchema.violations(generator, null));
        // updating without changes passes the transition rules too
        assertEquals(List.of(), trainingSchema.violations(training, training));

        AdImageTrainingJob tj = Serialization.unmarshal(CrdSchema.YAML.writeValueAsString(training), AdImageTrainingJob.class);
        assertEquals(64, tj.getSpec().getData().getMarket().getProducts());
        assertEquals("4Gi", tj.getSpec().getResources().getMemory());
        assertEquals(CleanupPolicy.Retain, tj.getSpec().getArtifacts().getCleanupPolicy());
        assertEquals("caig-store", tj.getSpec().getStore().getCredentialsSecret().getName());
        AdImageGenerator gen = Serialization.unmarshal(CrdSchema.YAML.writeValueAsString(generator), AdImageGenerator.class);
        assertEquals("quickstart", gen.getSpec().getModel().getTrainingJobRef());
        assertEquals(6, gen.getSpec().getAutoscaling().getMaxReplicas());
    }

    @Test
    void everyStatusKeepsOneConditionPerTypeAsAListMap() throws Exception {
        for (String crd : List.of("adimagetrainingjobs", "adimagegenerators", "adimagebatches")) {
            JsonNode conditions = CrdSchema.YAML.readTree(TestOperator.crdDir().resolve(crd + ".caig.dev-v1.yml").toFile())
                    .at("/spec/versions/0/schema/openAPIV3Schema/properties/status/properties/conditions");
            assertEquals("map", conditions.path("x-kubernetes-list-type").asText(), crd);
            assertEquals("[\"type\"]", conditions.path("x-kubernetes-list-map-keys").toString(), crd);
            // the API server refuses a map key that is not required
            assertEquals("[\"type\",\"status\"]", conditions.at("/items/required").toString(), crd);
            assertEquals("string", conditions.at("/items/properties/lastTransitionTime/type").asText(), crd);
        }
    }

    @Test
    void aBatchRunsNoMoreShardsAtOnceThanItHas() throws Exception {
        CrdSchema batchSchema = CrdSchema.load(TestOperator.crdDir().resolve("adimagebatches.caig.dev-v1.yml"));
        assertEquals(List.of(), batchSchema.violations(sample("batch-beauty.yaml"), null));
        assertRejected(batchSchema, "batch-beauty.yaml", s -> ((ObjectNode) s.path("spec")).put("parallelism", 9),
                "spec.parallelism must not exceed spec.shards");
        assertRejected(batchSchema, "batch-beauty.yaml", s -> ((ObjectNode) s.path("spec").path("model"))
                .put("policyUri", "s3://caig/runs/a/pcpo"), "set exactly one of spec.model.trainingJobRef or spec.model.policyUri");
    }

    @Test
    void marketAndCatalogAreMutuallyExclusive() throws Exception {
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> data(s).put("catalog", "s3://caig/data/tiny.json")
                .put("clickLogs", "s3://caig/data/clicks.json"), "set exactly one of spec.data.market or spec.data.catalog");
    }

    @Test
    void catalogNeedsClickLogs() throws Exception {
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> {
            data(s).remove("market");
            data(s).put("catalog", "s3://caig/data/tiny.json");
        }, "spec.data.catalog and spec.data.clickLogs must be set together");
    }

    @Test
    void userDataWithCatalogAndClickLogsIsAccepted() throws Exception {
        JsonNode s = sample("training-quickstart.yaml");
        data(s).remove("market");
        data(s).put("catalog", "s3://caig/data/tiny.json").put("clickLogs", "s3://caig/data/clicks.json");
        assertEquals(List.of(), trainingSchema.violations(s, null));
    }

    @Test
    void crossFieldRulesOfModelAndRewardHold() throws Exception {
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> ((ObjectNode) s.path("spec").path("promptModel"))
                .put("patchSize", 7), "spec.promptModel.imageSize must be a multiple of spec.promptModel.patchSize");
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> ((ObjectNode) s.path("spec").path("promptModel"))
                .put("heads", 5), "spec.promptModel.embedDim must be a multiple of spec.promptModel.heads");
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> ((ObjectNode) s.path("spec").path("reward"))
                .put("minCtrRatio", 1.3).put("maxCtrRatio", 1.2), "spec.reward.minCtrRatio must not exceed spec.reward.maxCtrRatio");
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> {
            ((ObjectNode) s.path("spec").path("pcpo")).put("restarts", 3);
            ((ObjectNode) s.path("spec")).putObject("reward").put("validationFraction", 0.0);
        }, "spec.pcpo.restarts above 1 are chosen on the reward model's validation products");
        JsonNode restarts = sample("training-quickstart.yaml");
        ((ObjectNode) restarts.path("spec").path("pcpo")).put("restarts", 3);
        assertEquals(List.of(), trainingSchema.violations(restarts, null), "3 restarts on the default validation share");
    }

    @Test
    void boundsEnumsPatternsAndRequiredFieldsAreEnforced() throws Exception {
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> ((ObjectNode) s.path("spec").path("pcpo"))
                .put("generateNums", 1), ".spec.pcpo.generateNums: must be >= 2");
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> ((ObjectNode) s.path("spec").path("artifacts"))
                .put("cleanupPolicy", "Shred"), ".spec.artifacts.cleanupPolicy: unsupported value 'Shred'");
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> ((ObjectNode) s.path("spec").path("pretrain"))
                .put("fromArtifact", "https://example.org/model"), ".spec.pretrain.fromArtifact: 'https://example.org/model' does not match");
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> ((ObjectNode) s.path("spec")).remove("store"),
                ".spec.store: Required value");
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> ((ObjectNode) s.path("spec")).put("epochs", 3),
                ".spec.epochs: unknown field");
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> ((ObjectNode) s.path("spec").path("resources"))
                .put("memory", "lots"), ".spec.resources.memory: 'lots' does not match");
    }

    @Test
    void dataArtifactLocationAndTheRunsConfigAreImmutable() throws Exception {
        JsonNode old = sample("training-quickstart.yaml");
        JsonNode changedData = sample("training-quickstart.yaml");
        ((ObjectNode) changedData.path("spec").path("data").path("market")).put("products", 41);
        assertTrue(trainingSchema.violations(changedData, old).contains(".spec.data: spec.data is immutable once the training job exists"),
                trainingSchema.violations(changedData, old).toString());

        JsonNode changedBucket = sample("training-quickstart.yaml");
        ((ObjectNode) changedBucket.path("spec").path("artifacts")).put("bucket", "elsewhere");
        assertEquals(List.of(".spec.artifacts: spec.artifacts.bucket and spec.artifacts.prefix are immutable"),
                trainingSchema.violations(changedBucket, old));

        JsonNode changedIterations = sample("training-quickstart.yaml");
        ((ObjectNode) changedIterations.path("spec").path("pcpo")).put("iterations", 9);
        assertTrue(trainingSchema.violations(changedIterations, old).stream().anyMatch(v -> v.contains(
                "the run's configuration (spec.seed, render, promptModel, pretrain, reward, pcpo, evaluate) is pinned")),
                trainingSchema.violations(changedIterations, old).toString());
        JsonNode removedSeed = sample("training-quickstart.yaml");
        ((ObjectNode) removedSeed.path("spec")).remove("seed");
        assertEquals(1, trainingSchema.violations(removedSeed, old).size(), "removing a field changes the run too");

        JsonNode suspended = sample("training-quickstart.yaml");
        ((ObjectNode) suspended.path("spec")).put("suspend", true);
        ((ObjectNode) suspended.path("spec").path("resources")).put("memory", "8Gi");
        assertEquals(List.of(), trainingSchema.violations(suspended, old), "suspend and resources stay mutable");
    }

    @Test
    void generatorModelSourceAndAutoscalingRulesHold() throws Exception {
        assertRejected(generatorSchema, "generator-beauty.yaml", s -> model(s).put("policyUri", "s3://m/p").put("rewardUri", "s3://m/r"),
                "set exactly one of spec.model.trainingJobRef or spec.model.policyUri");
        assertRejected(generatorSchema, "generator-beauty.yaml", s -> {
            model(s).remove("trainingJobRef");
            model(s).put("policyUri", "s3://m/p");
        }, "spec.model.policyUri and spec.model.rewardUri must be set together");
        assertRejected(generatorSchema, "generator-beauty.yaml", s -> ((ObjectNode) s.path("spec").path("autoscaling"))
                .put("minReplicas", 9), "spec.autoscaling.minReplicas must not exceed spec.autoscaling.maxReplicas");
        assertRejected(generatorSchema, "generator-beauty.yaml", s -> ((ObjectNode) s.path("spec")).put("businessUnit", "Beauty & Care"),
                ".spec.businessUnit: 'Beauty & Care' does not match");
    }

    @Test
    void aDiffusionRendererNeedsItsModelAndAKnownSampler() throws Exception {
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> ((ObjectNode) s.path("spec").path("render"))
                .put("backend", "diffusion"), "render.backend diffusion needs render.model");
        assertRejected(generatorSchema, "generator-beauty.yaml", s -> ((ObjectNode) s.path("spec")).putObject("render")
                .put("backend", "diffusion"), "render.backend diffusion needs render.model");
        assertRejected(trainingSchema, "training-quickstart.yaml", s -> ((ObjectNode) s.path("spec").path("render"))
                .put("model", "s3://caig/renderers/sd").put("sampler", "dpm"), "sampler");
        JsonNode ok = sample("training-quickstart.yaml");
        ((ObjectNode) ok.path("spec").path("render")).put("model", "s3://caig/renderers/sd").put("steps", 30)
                .put("sampler", "euler-ancestral").put("precision", "fp16");
        assertEquals(List.of(), trainingSchema.violations(ok, null));
    }

    private static void assertRejected(CrdSchema schema, String sample, Consumer<JsonNode> breakIt, String expected) throws Exception {
        JsonNode s = sample(sample);
        breakIt.accept(s);
        List<String> violations = schema.violations(s, null);
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)), "expected '" + expected + "' in " + violations);
    }

    private static ObjectNode data(JsonNode s) {
        return (ObjectNode) s.path("spec").path("data");
    }

    private static ObjectNode model(JsonNode s) {
        return (ObjectNode) s.path("spec").path("model");
    }

    static JsonNode sample(String name) throws Exception {
        return CrdSchema.YAML.readTree(SAMPLES.resolve(name).toFile());
    }
}

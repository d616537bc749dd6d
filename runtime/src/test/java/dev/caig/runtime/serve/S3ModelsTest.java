package dev.caig.runtime.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The operator passes s3:// URIs: the server fetches and verifies the models from S3 (the embedded server here). */
class S3ModelsTest {

    @Test
    void servesModelsFetchedFromS3(@TempDir Path dir) throws Exception {
        ServeFixtures.Artifacts local = ServeFixtures.publishTinyModels(dir.resolve("local"));
        StoreSettings settings = StoreSettings.from(Map.of()).withLocalStoreDir(dir.resolve("s3"));
        String policyUri = "s3://caig/serve-test/policy";
        String rewardUri = "s3://caig/serve-test/reward";
        ArtifactManifest policy;
        try (ArtifactStore store = ArtifactStores.open(settings)) {
            policy = store.publish(Path.of(local.policyUri()), ArtifactUri.parse(policyUri), "prompt-model", "test", Map.of(), Map.of());
            store.publish(Path.of(local.rewardUri()), ArtifactUri.parse(rewardUri), "reward-model", "test", Map.of(), Map.of());
        }
        ServeOptions options = ServeOptions.defaults(policyUri, rewardUri).withBindAddress("127.0.0.1").withPort(0)
                .withRenderSize(32).withConcurrency(1, 4, 20);
        ModelLoader loader = new ArtifactModelLoader(() -> ArtifactStores.open(settings), policyUri, rewardUri,
                options.renderSize(), options.threads());
        try (GeneratorServer server = ServeFixtures.startReady(options, loader)) {
            ServeClient client = new ServeClient(server.port());
            JsonNode model = ServeClient.json(client.get("/v1/model"));
            assertEquals(policyUri, model.path("policy").path("uri").asText());
            assertEquals(policy.digest(), model.path("policy").path("digest").asText());
            HttpResponse<String> generated = client.generateJson(ServeFixtures.productPng(), "tea cup", 2, 5L);
            assertEquals(200, generated.statusCode(), generated.body());
            assertEquals(2, ServeClient.json(generated).path("candidates").size());
        }
    }
}

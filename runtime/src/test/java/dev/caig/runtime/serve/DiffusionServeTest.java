package dev.caig.runtime.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caig.runtime.render.diffusion.DiffusionRenderers;
import dev.caig.runtime.render.diffusion.StandIn;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.LocalArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code caig serve --renderer URI}: the stand-in diffusion renderer behind /v1/generate and named in /v1/model. */
class DiffusionServeTest {

    @Test
    void servesDiffusionAdsAndNamesTheRendererWithItsDigestAndSettings(@TempDir Path dir) throws Exception {
        ServeFixtures.Artifacts models = ServeFixtures.publishTinyModels(dir);
        Path rendererDir = dir.resolve("renderer");
        ArtifactManifest renderer;
        try (ArtifactStore store = new LocalArtifactStore()) {
            renderer = store.publish(StandIn.folder(), ArtifactUri.local(rendererDir), DiffusionRenderers.KIND, "test",
                    Map.of(), Map.of());
        }
        ServeOptions options = ServeFixtures.options(models).withRenderSize(48);
        ModelLoader loader = new ArtifactModelLoader(LocalArtifactStore::new, models.policyUri(), models.rewardUri(),
                options.renderSize(), options.threads(), trained -> trained.withDiffusionModel(rendererDir.toString()));
        try (GeneratorServer server = ServeFixtures.startReady(options, loader)) {
            ServeClient client = new ServeClient(server.port());
            JsonNode model = ServeClient.json(client.get("/v1/model"));
            JsonNode r = model.path("renderer");
            assertEquals("diffusion", r.path("kind").asText(), model.toString());
            assertEquals(renderer.digest(), r.path("settings").path("digest").asText());
            assertEquals("ddim", r.path("settings").path("sampler").asText());
            assertEquals(30, r.path("settings").path("steps").asInt());
            assertEquals(7.5, r.path("settings").path("guidance").asDouble(), 1e-9);

            HttpResponse<String> first = client.generateJson(ServeFixtures.productPng(), "rose hand cream", 2, 5L);
            assertEquals(200, first.statusCode(), first.body());
            JsonNode body = ServeClient.json(first);
            assertEquals("diffusion", body.path("model").path("renderer").path("kind").asText());
            assertEquals(body, ServeClient.json(client.generateJson(ServeFixtures.productPng(), "rose hand cream", 2, 5L)),
                    "same request, same answer");
            assertTrue(first.body().length() > 1000, "images came back");
        }
    }
}

package dev.caig.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caig.runtime.render.diffusion.DiffusionRenderers;
import dev.caig.runtime.serve.ServeClient;
import dev.caig.runtime.serve.ServeFixtures;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.LocalArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code caig serve --renderer URI}: the stand-in diffusion renderer behind /v1/generate and named in /v1/model. */
class DiffusionServeIT {
    /** The runtime's committed stand-in (tools/diffusion/make_standin.py), read from its source folder. */
    static final Path STAND_IN = Path.of("../runtime/src/test/resources/diffusion-standin");

    @Test
    @Timeout(180)
    void servesDiffusionAdsAndNamesTheRendererWithItsDigestAndSettings(@TempDir Path dir) throws Exception {
        ServeFixtures.Artifacts models = ServeFixtures.publishTinyModels(dir.resolve("models"));
        Path rendererDir = dir.resolve("renderer");
        ArtifactManifest renderer;
        try (ArtifactStore store = new LocalArtifactStore()) {
            renderer = store.publish(STAND_IN, ArtifactUri.local(rendererDir), DiffusionRenderers.KIND, "test",
                    Map.of(), Map.of());
        }
        try (ServeProcess server = ServeProcess.startReady(dir, models, "--renderer", rendererDir.toString(),
                "--render-settings", "{steps: 3}")) {
            ServeClient client = server.client();
            JsonNode model = ServeClient.json(client.get("/v1/model"));
            JsonNode r = model.path("renderer");
            assertEquals("diffusion", r.path("kind").asText(), model.toString());
            assertEquals(renderer.digest(), r.path("settings").path("digest").asText());
            assertEquals("ddim", r.path("settings").path("sampler").asText());
            assertEquals(3, r.path("settings").path("steps").asInt(), "--render-settings reaches the renderer");
            assertEquals(7.5, r.path("settings").path("guidance").asDouble(), 1e-9);

            HttpResponse<String> first = client.generateJson(ServeFixtures.productPng(), "rose hand cream", 2, 5L);
            assertEquals(200, first.statusCode(), first.body());
            JsonNode body = ServeClient.json(first);
            assertEquals("diffusion", body.path("model").path("renderer").path("kind").asText());
            assertEquals(body, ServeClient.json(client.generateJson(ServeFixtures.productPng(), "rose hand cream", 2, 5L)),
                    "same request, same answer");
            assertTrue(first.body().length() > 1000, "images came back");

            // The ads are the diffusion renderer's: the same as the generation core gives with it in this JVM.
            dev.caig.runtime.cli.ServeCommand flags = new dev.caig.runtime.cli.ServeCommand();
            new picocli.CommandLine(flags).parseArgs("--policy", models.policyUri(), "--reward", models.rewardUri(),
                    "--renderer", rendererDir.toString(), "--render-settings", "{steps: 3}");
            try (dev.caig.runtime.serve.LoadedModels loaded = new dev.caig.runtime.serve.ArtifactModelLoader(
                    LocalArtifactStore::new, models.policyUri(), models.rewardUri(), 64, 1, flags.renderChoice()).load()) {
                var ads = new dev.caig.runtime.serve.AdGenerator(loaded, loaded.renderer(), 64, Runnable::run)
                        .generate(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(ServeFixtures.productPng())),
                                "rose hand cream", 2, 5L);
                JsonNode expected = ServeClient.JSON.readTree(ServeClient.JSON.writeValueAsString(
                        dev.caig.runtime.serve.GenerateResponse.of(loaded.info(), 5L, ads)));
                assertEquals(expected.path("candidates"), body.path("candidates"));
            }
        }
    }
}

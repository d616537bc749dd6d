package dev.caig.runtime.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caig.runtime.render.LaidOutProduct;
import dev.caig.runtime.render.ProductLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/generate} end to end over loopback with tiny models served from local-folder artifacts. */
class GenerateEndpointTest {
    @TempDir
    static Path dir;
    static ServeFixtures.Artifacts models;
    static GeneratorServer server;
    static ServeClient client;

    @BeforeAll
    static void start() {
        models = ServeFixtures.publishTinyModels(dir);
        ServeOptions options = ServeFixtures.options(models);
        server = ServeFixtures.startReady(options, ServeFixtures.loader(models, options));
        client = new ServeClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void returnsRankedCandidatesBestFirstWithTheProductPixelsExact() throws Exception {
        BufferedImage product = ServeFixtures.product(96, 80);
        HttpResponse<String> response = client.generateJson(ServeFixtures.png(product), "rose hand cream 50 ml", 5, 42L);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode body = ServeClient.json(response);
        JsonNode candidates = body.path("candidates");
        assertEquals(5, candidates.size());
        assertEquals(42, body.path("seed").asLong());

        LaidOutProduct layout = ProductLayout.layout(product, 64);
        int[] expected = layout.image().getRGB(0, 0, 64, 64, null, 0, 64);
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode c = candidates.get(i);
            assertEquals(i + 1, c.path("rank").asInt());
            double score = c.path("score").asDouble();
            assertTrue(score <= previous, "scores descend: " + candidates);
            previous = score;
            assertTrue(c.path("description").isTextual());
            BufferedImage ad = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(c.path("image").asText())));
            assertNotNull(ad, "candidate " + (i + 1) + " image is a PNG");
            assertEquals(64, ad.getWidth());
            assertEquals(64, ad.getHeight());
            int[] pixels = ad.getRGB(0, 0, 64, 64, null, 0, 64);
            int productPixels = 0;
            for (int p = 0; p < pixels.length; p++) {
                if ((expected[p] >>> 24) >= ProductLayout.PRODUCT_ALPHA) {
                    productPixels++;
                    assertEquals(expected[p] & 0xFFFFFF, pixels[p] & 0xFFFFFF, "product pixel " + p + " of candidate " + (i + 1));
                }
            }
            assertTrue(productPixels > 100, "the product covers part of the ad: " + productPixels);
        }
    }

    @Test
    void theSameSeedGivesTheSameAnswerAndAnotherSeedAnotherOne() throws Exception {
        byte[] png = ServeFixtures.productPng();
        String first = client.generateJson(png, "steel desk lamp", 4, 7L).body();
        String again = client.generateJson(png, "steel desk lamp", 4, 7L).body();
        assertEquals(first, again, "same seed, model and input: identical response");

        List<String> seven = descriptions(first);
        List<String> other = descriptions(client.generateJson(png, "steel desk lamp", 4, 8L).body());
        assertNotEquals(seven, other, "another seed samples other descriptions");
    }

    @Test
    void multipartAndJsonGiveTheSameAnswer() throws Exception {
        byte[] png = ServeFixtures.productPng();
        HttpResponse<String> json = client.generateJson(png, "wooden table lamp", 3, 99L);
        HttpResponse<String> form = client.generateMultipart(png, Map.of("title", "wooden table lamp", "candidates", "3", "seed", "99"));
        assertEquals(200, form.statusCode(), form.body());
        assertEquals(json.body(), form.body());
    }

    @Test
    void absentCandidatesAndSeedUseTheDocumentedDefaults() throws Exception {
        byte[] png = ServeFixtures.productPng();
        JsonNode body = ServeClient.json(client.generateJson(png, "marble soap dish", null, null));
        assertEquals(ServeOptions.DEFAULT_CANDIDATES, body.path("candidates").size());
        assertEquals(RequestValidator.DEFAULT_SEED, body.path("seed").asLong());
        assertEquals(ServeClient.json(client.generateJson(png, "marble soap dish", null, RequestValidator.DEFAULT_SEED)), body);
    }

    @Test
    void modelEndpointAndResponsesNameTheLoadedArtifacts() throws Exception {
        HttpResponse<String> response = client.get("/v1/model");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode model = ServeClient.json(response);
        assertEquals(Path.of(models.policyUri()).toAbsolutePath().toString(), model.path("policy").path("uri").asText());
        assertEquals(models.policy().digest(), model.path("policy").path("digest").asText());
        assertEquals(models.reward().digest(), model.path("reward").path("digest").asText());
        assertEquals("prompt-model", model.path("policy").path("kind").asText());
        assertEquals(42, model.path("renderer").path("seed").asInt());
        assertEquals(0.95, model.path("sampling").path("topP").asDouble(), 1e-9, "top-p from the policy's pipeline config");
        assertEquals(8, model.path("candidates").path("max").asInt());

        JsonNode generated = ServeClient.json(client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 1L));
        assertEquals(models.policy().digest(), generated.path("model").path("policy").path("digest").asText());
        assertEquals(models.reward().digest(), generated.path("model").path("reward").path("digest").asText());
    }

    @Test
    void healthAndMetricsAnswer() throws Exception {
        assertEquals(200, client.get("/health/live").statusCode());
        assertEquals(200, client.get("/health/ready").statusCode());
        client.generateJson(ServeFixtures.productPng(), "", 1, 1L); // a rejection to count
        client.generateJson(ServeFixtures.productPng(), "tea cup", 2, 1L);
        HttpResponse<String> metrics = client.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        List<String> wanted = List.of("caig_request_seconds_bucket{endpoint=\"generate\"", "caig_images_generated_total",
                "caig_rejections_total{reason=\"bad_request\"}", "caig_requests_in_flight", "caig_generation_queue",
                "jvm_memory_used_bytes", "le=\"0.15\"");
        String text = client.awaitMetrics(wanted);
        for (String expected : wanted) {
            assertTrue(text.contains(expected), "metrics show " + expected);
        }
    }

    @Test
    void unknownPathsAndWrongMethodsAreProblems() throws Exception {
        HttpResponse<String> missing = client.get("/v2/nothing");
        assertEquals(404, missing.statusCode());
        assertEquals(Problem.MEDIA_TYPE, missing.headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, ServeClient.json(missing).path("status").asInt());

        HttpResponse<String> wrong = client.get("/v1/generate");
        assertEquals(405, wrong.statusCode());
        assertEquals("POST", wrong.headers().firstValue("Allow").orElse(""));
        assertEquals("urn:caig:problem:method-not-allowed", ServeClient.json(wrong).path("type").asText());

        HttpResponse<String> text = client.post("text/plain", "hello".getBytes());
        assertEquals(415, text.statusCode());
    }

    @Test
    void webPageIsServed() throws Exception {
        HttpResponse<String> page = client.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("v1/generate"));
        assertTrue(!page.body().contains("http://") && !page.body().contains("https://"), "the page loads nothing from elsewhere");
    }

    static List<String> descriptions(String body) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode c : ServeClient.JSON.readTree(body).path("candidates")) {
            out.add(c.path("description").asText());
        }
        return out;
    }
}

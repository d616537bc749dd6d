package dev.caig.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.serve.AdGenerator;
import dev.caig.runtime.serve.ArtifactModelLoader;
import dev.caig.runtime.serve.GenerateResponse;
import dev.caig.runtime.serve.LoadedModels;
import dev.caig.runtime.serve.RankedAd;
import dev.caig.runtime.serve.ServeClient;
import dev.caig.runtime.serve.ServeFixtures;
import dev.caig.runtime.store.LocalArtifactStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service as a client sees it: the same answers as the runtime's generation core, JSON and multipart alike;
 * API keys; problem bodies for every error; and the Quarkus conventions (health, metrics, OpenAPI, access log).
 */
class GeneratorServiceIT {
    private static final String KEY = "key-for-the-beauty-team";
    private static final String[] AUTH = {"Authorization", "Bearer " + KEY};

    @TempDir
    static Path dir;
    static ServeFixtures.Artifacts models;
    static Path keys;
    static ServeProcess server;
    static ServeClient client;

    @BeforeAll
    static void start() throws Exception {
        models = ServeFixtures.publishTinyModels(dir.resolve("models"));
        keys = Files.writeString(dir.resolve("keys"), "# the beauty team\n" + KEY + "\n");
        server = ServeProcess.startReady(dir, models, "--api-keys-file", keys.toString(), "--threads", "1");
        client = server.client();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void jsonAndMultipartAnswerExactlyAsTheGenerationCore() throws Exception {
        byte[] photo = ServeFixtures.productPng();
        HttpResponse<String> json = client.generateJson(photo, "rose hand cream", 3, 7L, AUTH);
        assertEquals(200, json.statusCode(), json.body());
        HttpResponse<String> again = client.generateJson(photo, "rose hand cream", 3, 7L, AUTH);
        assertEquals(json.body(), again.body(), "the same seed, models and input give the same bytes");
        HttpResponse<String> form = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(client.base() + "/v1/generate")).headers(AUTH)
                .header("Content-Type", "multipart/form-data; boundary=b0undary")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(ServeClient.multipart("b0undary", photo,
                        Map.of("title", "rose hand cream", "candidates", "3", "seed", "7")))).build());
        assertEquals(200, form.statusCode(), form.body());
        assertEquals(json.body(), form.body(), "multipart and JSON give the same answer");

        // The runtime's generation core, in this JVM, on the same artifacts.
        try (LoadedModels loaded = new ArtifactModelLoader(LocalArtifactStore::new, models.policyUri(), models.rewardUri(),
                64, 1).load()) {
            BufferedImage product = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(photo));
            List<RankedAd> ads = new AdGenerator(loaded, new AdRenderer(), 64, Runnable::run)
                    .generate(product, "rose hand cream", 3, 7L);
            JsonNode expected = ServeClient.JSON.readTree(ServeClient.JSON.writeValueAsString(GenerateResponse.of(loaded.info(), 7L, ads)));
            assertEquals(expected.path("candidates"), ServeClient.json(json).path("candidates"));
            assertEquals(7, ServeClient.json(json).path("seed").asInt());
        }
    }

    @Test
    void modelNamesTheVerifiedArtifacts() throws Exception {
        JsonNode model = ServeClient.json(client.get("/v1/model", AUTH));
        assertEquals(models.policy().digest(), model.path("policy").path("digest").asText());
        assertEquals(models.reward().digest(), model.path("reward").path("digest").asText());
        assertEquals(8, model.path("candidates").path("max").asInt());
    }

    @Test
    void apiKeysAreRequiredOnV1AndReReadWhenTheFileChanges() throws Exception {
        HttpResponse<String> none = client.get("/v1/model");
        assertProblem(none, 401, "urn:caig:problem:unauthorized");
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertProblem(client.get("/v1/model", "X-API-Key", "wrong"), 401, "urn:caig:problem:unauthorized");
        assertEquals(200, client.get("/v1/model", "X-API-Key", KEY).statusCode());
        assertEquals(200, client.get("/q/health/ready").statusCode(), "health needs no key");
        assertEquals(200, client.get("/").statusCode(), "the page needs no key");

        Files.writeString(keys, KEY + "\nkey-for-the-toys-team\n");
        Files.setLastModifiedTime(keys, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(200, client.get("/v1/model", "X-API-Key", "key-for-the-toys-team").statusCode());
    }

    @Test
    void everyErrorIsAProblemBody() throws Exception {
        assertProblem(client.get("/nothing-here", AUTH), 404, "urn:caig:problem:not-found");
        HttpResponse<String> method = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(client.base() + "/v1/generate")).headers(AUTH).DELETE().build());
        assertProblem(method, 405, "urn:caig:problem:method-not-allowed");
        assertEquals("POST", method.headers().firstValue("Allow").orElse(""));
        assertProblem(client.post("text/plain", "x".getBytes(), AUTH), 415, "urn:caig:problem:unsupported-media-type");
        assertProblem(client.post("application/json", "{bad".getBytes(), AUTH), 400, "urn:caig:problem:malformed-body");
        HttpResponse<String> typo = client.post("application/json", "{\"seeed\":1}".getBytes(), AUTH);
        assertProblem(typo, 400, "urn:caig:problem:invalid-field");
        assertTrue(ServeClient.json(typo).path("detail").asText().contains("'seeed'"), typo.body());
        assertProblem(client.generateJson(ServeFixtures.productPng(), "", 1, 1L, AUTH), 400, "urn:caig:problem:invalid-field");
        assertProblem(client.generateJson(ServeFixtures.productPng(), "cup", 99, 1L, AUTH), 400, "urn:caig:problem:invalid-field");
        BufferedImage empty = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        assertEquals(422, client.generateJson(ServeFixtures.png(empty), "cup", 1, 1L, AUTH).statusCode());
        // Declared over the limit (10 MiB of image as base64 plus room for the fields): refused before it is read.
        byte[] big = new byte[15 * 1024 * 1024];
        assertProblem(client.post("application/json", big, AUTH), 413, "urn:caig:problem:body-too-large");
    }

    @Test
    void healthMetricsOpenApiAndAccessLogFollowTheConventions() throws Exception {
        assertEquals(200, client.generateJson(ServeFixtures.productPng(), "tea cup", 2, 3L, AUTH).statusCode());
        assertEquals(200, client.get("/q/health/live").statusCode());
        JsonNode ready = ServeClient.json(client.get("/q/health/ready"));
        assertEquals("UP", ready.path("status").asText(), ready.toString());

        String metrics = client.awaitMetrics("/q/metrics", List.of("http_server_requests_seconds_count{",
                "uri=\"/v1/generate\"", "caig_images_generated_total", "caig_generation_queue", "caig_rejections_total"));
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_count{")
                && l.contains("uri=\"/v1/generate\"") && l.contains("status=\"200\"")), "http_server_requests for /v1/generate");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("caig_images_generated_total") && !l.endsWith(" 0.0")), metrics);

        String openapi = client.get("/q/openapi?format=json").body();
        JsonNode doc = ServeClient.JSON.readTree(openapi);
        JsonNode generate = doc.path("paths").path("/v1/generate").path("post");
        assertTrue(generate.path("requestBody").path("content").has("application/json"), openapi);
        assertTrue(generate.path("requestBody").path("content").has("multipart/form-data"), openapi);
        for (String status : List.of("200", "400", "401", "408", "413", "415", "422", "431", "503", "504")) {
            assertTrue(generate.path("responses").has(status), "OpenAPI lists " + status + " for /v1/generate");
        }
        assertTrue(doc.path("paths").has("/v1/model"), openapi);
        JsonNode schemas = doc.path("components").path("schemas");
        for (String field : List.of("image", "title", "candidates", "seed")) {
            assertTrue(schemas.path("GenerateJson").path("properties").has(field), "GenerateJson." + field);
        }
        assertTrue(schemas.path("Problem").path("properties").has("detail"), "the problem body is described");

        HttpResponse<String> page = client.get("/");
        assertTrue(page.body().contains("<html"), "the web page");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));

        long deadline = System.currentTimeMillis() + 5000;
        while (!server.log().matches("(?s).*\"POST /v1/generate HTTP/[0-9.]+\" 200 .*") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(server.log().matches("(?s).*\"POST /v1/generate HTTP/[0-9.]+\" 200 \\d+ \\d+ ms.*"), "access log:\n" + server.log());
    }

    static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), response.body());
        JsonNode body = ServeClient.json(response);
        assertEquals(type, body.path("type").asText(), response.body());
        assertEquals(status, body.path("status").asInt());
        assertTrue(!body.path("detail").asText().isBlank() && !response.body().contains("Exception"), response.body());
    }
}

package dev.caig.runtime.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caig.runtime.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Liveness at once, readiness only with verified models; a tampered model is never served. */
class ReadinessTest {

    @Test
    void readinessIs503UntilTheModelsAreLoadedThen200(@TempDir Path dir) throws Exception {
        ServeFixtures.Artifacts models = ServeFixtures.publishTinyModels(dir);
        ServeOptions options = ServeFixtures.options(models);
        CountDownLatch release = new CountDownLatch(1);
        ModelLoader real = ServeFixtures.loader(models, options);
        ModelLoader gated = () -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.load();
        };
        try (GeneratorServer server = GeneratorServer.start(options, gated)) {
            ServeClient client = new ServeClient(server.port());
            assertEquals(200, client.get("/health/live").statusCode(), "live as soon as the port is open");
            HttpResponse<String> notReady = client.get("/health/ready");
            assertEquals(503, notReady.statusCode());
            assertEquals("urn:caig:problem:not-ready", ServeClient.json(notReady).path("type").asText());
            HttpResponse<String> early = client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 1L);
            assertEquals(503, early.statusCode(), "no generation before the models are in");
            assertTrue(early.headers().firstValue("Retry-After").isPresent());
            assertEquals(503, client.get("/v1/model").statusCode());

            release.countDown();
            server.modelsLoaded().get(60, TimeUnit.SECONDS);
            assertEquals(200, client.get("/health/ready").statusCode());
            assertEquals(200, client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 1L).statusCode());
        }
    }

    @Test
    void aTamperedModelFileFailsVerificationAndReadinessNeverTurnsTrue(@TempDir Path dir) throws Exception {
        ServeFixtures.Artifacts models = ServeFixtures.publishTinyModels(dir);
        Path params = Path.of(models.policyUri()).resolve("prompt-model.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 1;
        Files.write(params, bytes);

        ServeOptions options = ServeFixtures.options(models);
        try (GeneratorServer server = GeneratorServer.start(options, ServeFixtures.loader(models, options))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> server.modelsLoaded().get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("prompt-model.params"), e.getCause().getMessage());
            ServeClient client = new ServeClient(server.port());
            HttpResponse<String> ready = client.get("/health/ready");
            assertEquals(503, ready.statusCode());
            JsonNode problem = ServeClient.json(ready);
            assertTrue(problem.path("detail").asText().contains("failed to load"), problem.toString());
            assertTrue(problem.path("detail").asText().contains("checksum"), problem.toString());
            assertEquals(200, client.get("/health/live").statusCode());
        }
    }

    @Test
    void caigServeExitsNonZeroWithTheReasonWhenAModelFailsVerification(@TempDir Path dir) throws Exception {
        ServeFixtures.Artifacts models = ServeFixtures.publishTinyModels(dir);
        Path params = Path.of(models.rewardUri()).resolve("reward-model.params");
        Files.write(params, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        System.setErr(new PrintStream(err, true));
        try {
            exit = Main.run("serve", "--policy", models.policyUri(), "--reward", models.rewardUri(),
                    "--port", "0", "--bind", "127.0.0.1");
        } finally {
            System.setErr(originalErr);
        }
        assertEquals(1, exit, err.toString());
        assertTrue(err.toString().contains("reward-model.params"), err.toString());
    }
}

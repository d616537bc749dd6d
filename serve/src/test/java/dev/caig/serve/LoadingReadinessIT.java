package dev.caig.serve;

import dev.caig.runtime.serve.ServeClient;
import dev.caig.runtime.serve.ServeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness while the models load: the port is open and liveness answers, but readiness is 503 and generation is
 * refused with a 503 problem and Retry-After until both models are loaded and verified. The load is held at a known
 * point: the policy's manifest is a named pipe that the test writes only when it lets the load go on.
 */
class LoadingReadinessIT {

    @Test
    @Timeout(180)
    void notReadyAndGenerationRefusedUntilTheModelsAreLoaded(@TempDir Path dir) throws Exception {
        ServeFixtures.Artifacts models = ServeFixtures.publishTinyModels(dir.resolve("models"));
        Path manifest = Path.of(models.policyUri()).resolve("manifest.json");
        byte[] manifestBytes = Files.readAllBytes(manifest);
        Files.delete(manifest);
        Process mkfifo = new ProcessBuilder("mkfifo", manifest.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");

        try (ServeProcess server = ServeProcess.start(dir, models)) {
            ServeClient client = server.client();
            for (int i = 0; i < 3; i++) {
                assertEquals(200, client.get("/q/health/live").statusCode(), "alive while loading");
                HttpResponse<String> ready = client.get("/q/health/ready");
                assertEquals(503, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("\"loading\""), ready.body());

                HttpResponse<String> refused = client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 1L);
                SaturationIT.assertProblem(refused, 503, "urn:caig:problem:not-ready");
                assertEquals("5", refused.headers().firstValue("Retry-After").orElse(""), "Retry-After");
                SaturationIT.assertProblem(client.get("/v1/model"), 503, "urn:caig:problem:not-ready");
                Thread.sleep(300);
            }

            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread feeder = new Thread(() -> feed(manifest, manifestBytes, stop), "manifest-feeder");
            feeder.setDaemon(true);
            feeder.start();
            server.awaitReady();
            assertEquals(200, client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 1L).statusCode());
            assertTrue(client.get("/q/health/ready").body().contains(models.policy().digest()),
                    "ready names the verified policy digest");
            // Let the feeder end: it is waiting for one more reader.
            stop.set(true);
            try (InputStream drain = Files.newInputStream(manifest)) {
                drain.readAllBytes();
            }
            feeder.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** Writes the manifest to every reader of the pipe until the test has a ready server and reads it itself. */
    private static void feed(Path fifo, byte[] bytes, java.util.concurrent.atomic.AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                Files.write(fifo, bytes);
            }
        } catch (IOException e) {
            // the pipe went away with the test's folder
        }
    }
}

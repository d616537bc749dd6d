package dev.caig.serve;

import dev.caig.runtime.serve.ServeClient;
import dev.caig.runtime.serve.ServeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

            // Let the load go on: once the loader has the pipe open, the real file takes its name (later reads see
            // the file) and the loader gets the manifest through the pipe, once, then end of file.
            Path real = manifest.resolveSibling("manifest.json.real");
            Files.write(real, manifestBytes);
            try (OutputStream pipe = Files.newOutputStream(manifest)) {
                Files.move(real, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                pipe.write(manifestBytes);
            }
            server.awaitReady();
            assertEquals(200, client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 1L).statusCode());
            String readyBody = client.get("/q/health/ready").body();
            assertTrue(readyBody.contains(models.policy().digest()), "ready names the verified policy digest "
                    + models.policy().digest() + ": " + readyBody);
        }
    }
}

package dev.caig.serve;

import dev.caig.runtime.serve.ServeClient;
import dev.caig.runtime.serve.ServeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rollout's SIGTERM: readiness turns down first, and every request already accepted is answered. */
class DrainIT {

    @Test
    @Timeout(180)
    void sixRequestsInFlightAtSigtermAreAllAnswered200(@TempDir Path dir) throws Exception {
        // One generation thread and 32 candidates a request, so the six are still queued and running at SIGTERM.
        try (ServeProcess server = ServeProcess.startReady(dir, "--threads", "1", "--queue", "8",
                "--max-candidates", "32", "--timeout-seconds", "60", "--log-json")) {
            ServeClient client = server.client();
            byte[] photo = ServeFixtures.productPng();
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long seed = i;
                inFlight.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return client.generateJson(photo, "rose hand cream", 32, seed);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            // All six accepted: one generating, five queued.
            client.awaitMetrics("/q/metrics", List.of("caig_generation_queue 5.0"));
            assertTrue(inFlight.stream().noneMatch(CompletableFuture::isDone), "still in flight at SIGTERM");

            server.terminate();
            long start = System.nanoTime();
            int readiness = 0;
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1) && readiness != 503) {
                readiness = client.get("/q/health/ready").statusCode();
            }
            assertEquals(503, readiness, "readiness turns down at once");

            for (CompletableFuture<HttpResponse<String>> request : inFlight) {
                HttpResponse<String> response = request.get(120, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
                assertEquals(32, ServeClient.json(response).path("candidates").size());
            }
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "the process exits once they are answered");
            // --log-json: every line a JSON object (the access log's included).
            List<String> lines = server.log().lines().filter(l -> !l.isBlank()).toList();
            assertTrue(lines.size() > 5, server.log());
            for (String line : lines) {
                assertTrue(ServeClient.JSON.readTree(line).has("message"), line);
            }
            assertTrue(lines.stream().anyMatch(l -> l.contains("POST /v1/generate")), "access log lines");
        }
    }

    /**
     * After the shutdown delay (1 s in the tests) a new request is refused with a 503 problem, Retry-After and a closed
     * connection, so its client retries elsewhere. A long request in flight keeps the server draining meanwhile.
     */
    @Test
    @Timeout(180)
    void aNewRequestAfterTheShutdownDelayGetsA503Problem(@TempDir Path dir) throws Exception {
        try (ServeProcess server = ServeProcess.startReady(dir, "--threads", "1", "--max-candidates", "64",
                "--render-size", "512", "--timeout-seconds", "60")) {
            ServeClient client = server.client();
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.generateJson(ServeFixtures.productPng(), "rose hand cream", 64, 1L);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            client.awaitMetrics("/q/metrics", List.of("caig_generation_active 1.0"));
            server.terminate();
            Thread.sleep(1500);
            assertTrue(!inFlight.isDone(), "the first request is still being generated");

            HttpResponse<String> refused = client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 2L);
            SaturationIT.assertProblem(refused, 503, "urn:caig:problem:shutting-down");
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
            // Not asserted here: that the request in flight is answered. One that runs this far past the delay (64
            // candidates, several seconds) is cut when the server closes its connections (README, "Known gap"):
            // an open defect, not a behaviour to pin. The six requests of the test above are all answered.
            inFlight.handle((response, failure) -> null).get(120, TimeUnit.SECONDS);
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "the process exits once the drain ends");
        }
    }
}

package dev.caig.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caig.runtime.serve.ServeClient;
import dev.caig.runtime.serve.ServeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounded generation pool seen from the wire (what the JDK server's LoadTest covered): with one generation thread
 * and a queue of one, a third request is refused at once with 503 + Retry-After; a request still queued at the
 * timeout gets 503 + Retry-After and one still running gets 504, all as problem bodies; health answers throughout and
 * the service takes requests again afterwards.
 */
class SaturationIT {
    /** 32 candidates of 384 px: seconds of work for the one generation thread, so the pool stays full. */
    private static final String[] SLOW_SERVICE = {"--threads", "1", "--queue", "1", "--max-candidates", "32",
            "--render-size", "384"};
    private static final int SLOW_CANDIDATES = 32;

    @Test
    @Timeout(240)
    void aFullQueueIsRefusedAtOnceWith503RetryAfterAndAProblemBody(@TempDir Path dir) throws Exception {
        try (ServeProcess server = ServeProcess.startReady(dir, concat(SLOW_SERVICE, "--timeout-seconds", "120"))) {
            ServeClient client = server.client();
            CompletableFuture<HttpResponse<String>> running = slowRequest(client, 1L);
            awaitMetric(client, "caig_generation_active 1.0");
            CompletableFuture<HttpResponse<String>> queued = slowRequest(client, 2L);
            awaitMetric(client, "caig_generation_queue 1.0");

            long start = System.nanoTime();
            HttpResponse<String> refused = client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 3L);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertProblem(refused, 503, "urn:caig:problem:queue-full");
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""), "Retry-After");
            assertTrue(millis < 5000, "refused at once, not after waiting: " + millis + " ms");
            assertEquals(200, client.get("/q/health/live").statusCode(), "health answers while generation is saturated");
            assertFalse(running.isDone(), "the first request was still running when the third was refused");

            assertEquals(200, running.get(200, TimeUnit.SECONDS).statusCode(), "accepted requests are answered");
            assertEquals(200, queued.get(200, TimeUnit.SECONDS).statusCode(), "accepted requests are answered");
            String metrics = client.awaitMetrics("/q/metrics", List.of("caig_rejections_total{reason=\"queue_full\"} 1.0"));
            assertTrue(metrics.contains("caig_rejections_total{reason=\"queue_full\"} 1.0"), metrics);
            assertEquals(200, client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 3L).statusCode(), "recovers");
        }
    }

    @Test
    @Timeout(240)
    void atTheTimeoutAQueuedRequestGets503AndARunningOne504(@TempDir Path dir) throws Exception {
        // Larger ads than above: the running generation must outlast the 1 s timeout by far, even on a fast machine.
        String[] service = {"--threads", "1", "--queue", "1", "--max-candidates", "32", "--render-size", "512",
                "--timeout-seconds", "1"};
        try (ServeProcess server = ServeProcess.startReady(dir, service)) {
            ServeClient client = server.client();
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<String>> running = slowRequest(client, 1L);
            awaitMetric(client, "caig_generation_active 1.0");
            CompletableFuture<HttpResponse<String>> queued = slowRequest(client, 2L);

            HttpResponse<String> runningAnswer = running.get(60, TimeUnit.SECONDS);
            assertProblem(runningAnswer, 504, "urn:caig:problem:timeout");
            HttpResponse<String> queuedAnswer = queued.get(60, TimeUnit.SECONDS);
            assertProblem(queuedAnswer, 503, "urn:caig:problem:timeout");
            assertEquals("1", queuedAnswer.headers().firstValue("Retry-After").orElse(""), "Retry-After");
            assertEquals(200, client.get("/q/health/live").statusCode());

            String metrics = client.awaitMetrics("/q/metrics", List.of("caig_rejections_total{reason=\"timeout\"} 2.0"));
            assertTrue(metrics.contains("caig_rejections_total{reason=\"timeout\"} 2.0"), metrics);
            // The timed-out generation still finishes on its thread; then the service answers again.
            awaitMetric(client, "caig_generation_active 0.0");
            System.out.printf("SaturationIT: the timed-out generation ran %.1f s%n", (System.nanoTime() - start) / 1e9);
            HttpResponse<String> after = client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 3L);
            assertEquals(200, after.statusCode(), "recovers: " + after.body());
        }
    }

    private static CompletableFuture<HttpResponse<String>> slowRequest(ServeClient client, long seed) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.generateJson(ServeFixtures.productPng(), "rose hand cream", SLOW_CANDIDATES, seed);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void awaitMetric(ServeClient client, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!client.get("/q/metrics").body().contains(line)) {
            assertTrue(System.nanoTime() < deadline, "the metrics never showed " + line);
            Thread.sleep(20);
        }
    }

    static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = ServeClient.json(response);
        assertEquals(type, problem.path("type").asText(), response.body());
        assertEquals(status, problem.path("status").asInt());
        assertTrue(!problem.path("title").asText().isEmpty() && !problem.path("detail").asText().isEmpty(), response.body());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

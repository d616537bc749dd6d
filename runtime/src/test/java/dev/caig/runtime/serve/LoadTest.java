package dev.caig.runtime.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bounded concurrency under saturation, and no leak of heap or native memory under sustained load. */
class LoadTest {
    /** Twelve words, the most a prompt keeps: the tiny policy then has room for only a few answer tokens. */
    static final String LONG_TITLE = "rose hand cream for dry skin with shea butter and fifty ml";

    @Test
    @Timeout(60)
    void aFullQueueAnswers503WithRetryAfterAndStuckRequestsTimeOut(@TempDir Path dir) throws Exception {
        ServeFixtures.Artifacts models = ServeFixtures.publishTinyModels(dir);
        ServeOptions options = ServeFixtures.options(models).withConcurrency(1, 1, 2);
        try (GeneratorServer server = ServeFixtures.startReady(options, ServeFixtures.loader(models, options));
             Socket running = new Socket(); Socket queued = new Socket()) {
            ServeClient client = new ServeClient(server.port());
            // Two clients that promise a body and never send it: one holds the only thread, one the only queue slot.
            startSlowRequest(running, server.port());
            awaitMetric(client, "caig_generation_active", 1);
            startSlowRequest(queued, server.port());
            awaitMetric(client, "caig_generation_queue", 1);

            HttpResponse<String> refused = client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 1L);
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
            assertEquals("urn:caig:problem:queue-full", ServeClient.json(refused).path("type").asText());
            assertEquals(200, client.get("/health/live").statusCode(), "health answers while generation is saturated");

            String queuedAnswer = readResponse(queued);
            assertTrue(queuedAnswer.startsWith("HTTP/1.1 503"), queuedAnswer);
            assertTrue(queuedAnswer.contains("urn:caig:problem:timeout"), queuedAnswer);
            assertTrue(queuedAnswer.toLowerCase(java.util.Locale.ROOT).contains("retry-after: 1"), queuedAnswer);
            String runningAnswer = readResponse(running);
            assertTrue(runningAnswer.startsWith("HTTP/1.1 504"), runningAnswer);

            running.close();
            queued.close();
            String metrics = client.awaitMetrics(List.of("caig_rejections_total{reason=\"queue_full\"} 1",
                    "caig_rejections_total{reason=\"timeout\"} 2"));
            assertTrue(metrics.contains("caig_rejections_total{reason=\"queue_full\"} 1"), metrics);
            assertTrue(metrics.contains("caig_rejections_total{reason=\"timeout\"} 2"), metrics);
            HttpResponse<String> after = client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 1L);
            assertEquals(200, after.statusCode(), "the server recovers: " + after.body());
        }
    }

    @Test
    @Timeout(240)
    void thousandsOfRequestsLeaveHeapAndNativeMemoryStable(@TempDir Path dir) throws Exception {
        ServeFixtures.Artifacts models = ServeFixtures.publishTinyModels(dir);
        // Cheap requests (one small candidate): the point is the count, not the work per request.
        ServeOptions options = ServeFixtures.options(models).withConcurrency(2, 16, 30).withRenderSize(32);
        try (GeneratorServer server = ServeFixtures.startReady(options, ServeFixtures.loader(models, options))) {
            LoadedModels loaded = server.modelsLoaded().get();
            byte[] body = ServeClient.JSON.writeValueAsBytes(Map.of("image",
                    Base64.getEncoder().encodeToString(ServeFixtures.productPng()), "title", LONG_TITLE, "candidates", 1));
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/generate");

            run(http, uri, body, 200, 4);
            long heapBefore = heapAfterGc();
            long rssBefore = rssBytes();
            int arrays = liveArrays(loaded);

            int requests = 2000;
            long start = System.nanoTime();
            run(http, uri, body, requests, 4);
            double seconds = (System.nanoTime() - start) / 1e9;

            long heapGrowth = heapAfterGc() - heapBefore;
            long rssGrowth = rssBytes() - rssBefore;
            System.out.printf("load: %d requests in %.1f s (%.0f/s); heap after GC %+d KiB, RSS %+d KiB%n",
                    requests, seconds, requests / seconds, heapGrowth / 1024, rssGrowth / 1024);
            assertEquals(arrays, liveArrays(loaded), "no NDArray outlives a request");
            assertTrue(heapGrowth < 32L << 20, "heap after GC grew by " + heapGrowth / 1024 + " KiB");
            // Native tensors of one request are megabytes: a leak over 2000 requests would be gigabytes.
            assertTrue(rssGrowth < 192L << 20, "RSS grew by " + rssGrowth / 1024 + " KiB");
            awaitMetric(new ServeClient(server.port()), "caig_requests_in_flight", 1); // only the metrics request
        }
    }

    /** Sends {@code count} requests, {@code concurrency} at a time; every one must succeed. */
    static void run(HttpClient http, URI uri, byte[] body, int count, int concurrency) throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.acquire();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(ServeFixtures.CLIENT_TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e != null || r.statusCode() != 200) {
                    failures.incrementAndGet();
                }
                slots.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(200, TimeUnit.SECONDS);
        assertEquals(0, failures.get(), "failed requests");
    }

    /** NDArrays alive in the models' managers (and their sub-managers): the weights, plus any leak. */
    static int liveArrays(LoadedModels loaded) {
        int n = 0;
        for (LoadedModels.Replica r : loaded.replicas()) {
            n += r.policy().manager().getManagedArrays().size() + r.reward().manager().getManagedArrays().size();
        }
        return n;
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long rssBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    static void startSlowRequest(Socket socket, int port) throws Exception {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(("POST /v1/generate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"ti").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    static String readResponse(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            String text = out.toString(StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
            if (headEnd > 0 && m.find() && out.size() >= headEnd + 4 + Integer.parseInt(m.group(1))) {
                break;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static void awaitMetric(ServeClient client, String name, int value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (String line : client.get("/metrics").body().split("\n")) {
                if (line.startsWith(name + " ") && Double.parseDouble(line.substring(name.length() + 1)) == value) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " never reached " + value);
    }

}

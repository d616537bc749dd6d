package dev.caig.serve;

import dev.caig.runtime.serve.ServeClient;
import dev.caig.runtime.serve.ServeFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rollout's SIGTERM: readiness turns down first, and every request already accepted is answered in full. */
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
     * connection, so its client retries elsewhere; a long request accepted before SIGTERM (64 candidates at 512 px, a
     * 17 MB answer, still being generated after the delay) is answered in full.
     */
    @Test
    @Timeout(180)
    void aNewRequestAfterTheShutdownDelayGetsA503ProblemAndTheLongOneIsAnswered(@TempDir Path dir) throws Exception {
        try (ServeProcess server = ServeProcess.startReady(dir, LONG_REQUESTS)) {
            ServeClient client = server.client();
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.send(longRequest(server.port()));
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

            assertWholeAnswer(inFlight.get(120, TimeUnit.SECONDS));
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "the process exits once the drain ends");
        }
    }

    /**
     * A client on a slow link (2 MB/s): the long answer is produced after SIGTERM, and when Quarkus counts the request
     * done (at the end of the response, not of its sending) most of its 17 MB are still queued in the server. The
     * server stays up until they are sent, and the client gets all of it. The JDK client asks for HTTP/1.1, or for
     * HTTP/2 (its default: an h2c upgrade), which the server declines (no h2c: application.properties), so both
     * answers come over HTTP/1.1.
     */
    @ParameterizedTest
    @EnumSource(value = HttpClient.Version.class, names = {"HTTP_1_1", "HTTP_2"})
    @Timeout(180)
    void anAnswerStillQueuedForASlowClientIsSentWhole(HttpClient.Version requested, @TempDir Path dir) throws Exception {
        try (ServeProcess server = ServeProcess.startReady(dir, LONG_REQUESTS);
             SlowLink slowLink = new SlowLink(server.port(), 2_000_000)) {
            HttpClient http = HttpClient.newBuilder().version(requested).build();
            CompletableFuture<HttpResponse<String>> inFlight =
                    http.sendAsync(longRequest(slowLink.port()), HttpResponse.BodyHandlers.ofString());
            server.client().awaitMetrics("/q/metrics", List.of("caig_generation_active 1.0"));
            server.terminate();

            awaitLog(server, "\"POST /v1/generate HTTP/[0-9.]+\" 200 ");
            assertTrue(!inFlight.isDone(), "the answer is ended but mostly unsent");
            HttpResponse<String> answer;
            try {
                answer = inFlight.get(120, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                server.process().waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("the answer failed: " + e.getCause() + "\n" + server.log(), e);
            }
            assertEquals(HttpClient.Version.HTTP_1_1, answer.version(), "h2c is declined");
            assertWholeAnswer(answer);
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "the process exits once the answer is sent");
        }
    }

    /**
     * A client that never reads its answer cannot keep the process past the grace period: the wait for unsent answers
     * ends quarkus.shutdown.timeout (request timeout + 5 s) after the delay, says so, and the process exits. (Its
     * answer, 32 candidates at 512 px, about 9 MB, is far more than the socket buffers hold.)
     */
    @Test
    @Timeout(180)
    void aClientThatNeverReadsCannotKeepTheProcessPastTheDrainTimeout(@TempDir Path dir) throws Exception {
        int timeoutSeconds = 30;
        try (ServeProcess server = ServeProcess.startReady(dir, "--threads", "1", "--max-candidates", "32",
                "--render-size", "512", "--timeout-seconds", Integer.toString(timeoutSeconds));
             Socket neverReads = new Socket()) {
            neverReads.setReceiveBufferSize(64 * 1024);
            neverReads.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            byte[] body = ServeClient.JSON.writeValueAsBytes(Map.of("image",
                    Base64.getEncoder().encodeToString(ServeFixtures.productPng()), "title", "rose hand cream",
                    "candidates", 32, "seed", 1));
            neverReads.getOutputStream().write(("POST /v1/generate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            neverReads.getOutputStream().write(body);
            server.client().awaitMetrics("/q/metrics", List.of("caig_generation_active 1.0"));
            long sigterm = System.nanoTime();
            server.terminate();

            assertTrue(server.process().waitFor(120, TimeUnit.SECONDS), "the process exits");
            double seconds = (System.nanoTime() - sigterm) / 1e9;
            assertTrue(server.log().contains("1 answer(s) not sent by the end of the shutdown timeout"), server.log());
            // 1 s delay + request timeout + 5 s, and the 10 s the operator's grace period leaves for the JVM to exit.
            assertTrue(seconds < 1 + timeoutSeconds + 5 + 10, "exited " + seconds + " s after SIGTERM");
        }
    }

    /** One generation thread and long requests: 64 candidates at 512 px take seconds and answer 17 MB. */
    private static final String[] LONG_REQUESTS = {"--threads", "1", "--max-candidates", "64", "--render-size", "512",
            "--timeout-seconds", "60"};

    private static HttpRequest longRequest(int port) throws Exception {
        byte[] body = ServeClient.JSON.writeValueAsBytes(Map.of("image",
                Base64.getEncoder().encodeToString(ServeFixtures.productPng()), "title", "rose hand cream",
                "candidates", 64, "seed", 1));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/generate"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** Status 200, a body that parses, all 64 candidates, each with a PNG that decodes. */
    private static void assertWholeAnswer(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        JsonNode candidates = ServeClient.json(response).path("candidates");
        assertEquals(64, candidates.size());
        for (JsonNode candidate : candidates) {
            byte[] png = Base64.getDecoder().decode(candidate.path("image").asText());
            assertNotNull(ImageIO.read(new ByteArrayInputStream(png)), "candidate " + candidate.path("rank"));
        }
    }

    private static void awaitLog(ServeProcess server, String regex) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!pattern.matcher(server.log()).find()) {
            assertTrue(System.nanoTime() < deadline, "no log line " + regex + ":\n" + server.log());
            Thread.sleep(50);
        }
    }
}

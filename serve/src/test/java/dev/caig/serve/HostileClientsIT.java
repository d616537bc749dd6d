package dev.caig.serve;

import dev.caig.runtime.serve.ServeClient;
import dev.caig.runtime.serve.ServeFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow and hostile clients, each case on its own, against one service with a single generation thread and a 4 s
 * request timeout: none of them may hold a generation slot or freeze health, and each gets a clear answer.
 */
class HostileClientsIT {
    private static final int TIMEOUT_SECONDS = 4;

    @TempDir
    static Path dir;
    static ServeProcess server;
    static ServeClient client;

    @BeforeAll
    static void start() throws Exception {
        server = ServeProcess.startReady(dir, "--threads", "1", "--queue", "0",
                "--timeout-seconds", Integer.toString(TIMEOUT_SECONDS));
        client = server.client();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @Timeout(60)
    void slowHeadersDoNotFreezeHealth() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream().write("GET /q/health/live HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            // Six clients trickle their headers one byte at a time while health and the API answer at once.
            for (int round = 0; round < 6; round++) {
                for (Socket s : slow) {
                    s.getOutputStream().write('s');
                    s.getOutputStream().flush();
                }
                long start = System.nanoTime();
                assertEquals(200, client.get("/q/health/live").statusCode());
                assertEquals(200, client.get("/q/health/ready").statusCode());
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 2000, "health took " + millis + " ms beside six slow clients");
                Thread.sleep(500);
            }
            HttpResponse<String> generated = client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 1L);
            assertEquals(200, generated.statusCode(), generated.body());
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    @Timeout(60)
    void aTrickledBodyNeverTakesTheGenerationSlotAndEndsIn408() throws Exception {
        try (Socket trickle = new Socket("127.0.0.1", server.port())) {
            OutputStream out = trickle.getOutputStream();
            out.write(("POST /v1/generate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"title\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            // With one generation thread and no queue, a request holding the slot would make this one a 503.
            HttpResponse<String> generated = client.generateJson(ServeFixtures.productPng(), "tea cup", 1, 1L);
            assertEquals(200, generated.statusCode(), "the trickled request holds no generation slot: " + generated.body());
            trickle.setSoTimeout(1000);
            String answer = "";
            while (answer.isEmpty() && System.nanoTime() - start < (TIMEOUT_SECONDS + 10) * 1_000_000_000L) {
                out.write(' ');
                out.flush();
                answer = readAvailable(trickle);
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("urn:caig:problem:body-timeout"), answer);
            assertTrue(seconds <= TIMEOUT_SECONDS + 3, "answered after " + seconds + " s");
        }
    }

    @Test
    @Timeout(30)
    void aMalformedChunkedBodyIsAnImmediate400Problem() throws Exception {
        long start = System.nanoTime();
        String answer = exchange(("POST /v1/generate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"title\":\"x\"}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("urn:caig:problem:malformed-body"), answer);
        assertTrue(millis < 3000, "answered after " + millis + " ms");
    }

    /** A thousand headers or one of 1 MB: a 431 problem body, and the connection closes. */
    @Test
    @Timeout(30)
    void aThousandHeadersOrAOneMegabyteHeaderGet431Problems() throws Exception {
        StringBuilder many = new StringBuilder("GET /q/health/live HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 1000; i++) {
            many.append("X-Header-").append(i).append(": v\r\n");
        }
        assert431Problem(exchange(many.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII)), "1001 header fields");

        String big = "POST /v1/generate HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(1_000_000) + "\r\n\r\n";
        assert431Problem(exchange(big.getBytes(StandardCharsets.US_ASCII)), "bytes; at most 8192");
        assertEquals(200, client.get("/q/health/live").statusCode());
    }

    /**
     * A request target of 5,000 characters: a 414 problem body. (One over the decoder's 64 KiB ceiling gets Vert.x's
     * bare 414, or a reset when the client is still sending as the connection closes: not asserted.)
     */
    @Test
    @Timeout(30)
    void aLongRequestTargetGets414() throws Exception {
        String answer = exchange(("GET /q/health/live?x=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertTrue(answer.startsWith("HTTP/1.1 414"), answer.substring(0, Math.min(answer.length(), 300)));
        var problem = ServeClient.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertEquals("urn:caig:problem:uri-too-long", problem.path("type").asText());
        assertEquals(414, problem.path("status").asInt());
        assertTrue(problem.path("detail").asText().contains("5017 characters"), problem.toString());

        assertEquals(200, client.get("/q/health/live").statusCode());
    }

    /**
     * A request target that is not a valid URI (a bad percent escape, a brace): a 400 problem body, where Quarkus' own
     * check would answer an empty 400 before any handler runs.
     */
    @Test
    @Timeout(30)
    void anInvalidRequestTargetGetsA400Problem() throws Exception {
        for (String target : List.of("/v1/model?q=%zz", "/q/health/{live}")) {
            String answer = exchange(("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(answer.startsWith("HTTP/1.1 400"), target + ": " + answer);
            var problem = ServeClient.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertEquals("urn:caig:problem:invalid-uri", problem.path("type").asText(), answer);
            assertEquals(400, problem.path("status").asInt());
            assertTrue(problem.path("detail").asText().contains("not a valid URI"), problem.toString());
        }
        assertEquals(200, client.get("/q/health/live").statusCode());
    }

    /**
     * Above the HTTP decoder's ceiling (quarkus.http.limits.max-header-size, 1 MiB) Vert.x answers before any handler
     * of the service runs: still a 431 and a closed connection, but with an empty body. This pins that boundary.
     */
    @Test
    @Timeout(30)
    void aHeadOverTheDecodersCeilingGetsABare431() throws Exception {
        String huge = "GET /q/health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2 << 20) + "\r\n\r\n";
        String answer = exchange(huge.getBytes(StandardCharsets.US_ASCII));
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        assertTrue(!answer.contains("problem+json"), answer);
        assertEquals(200, client.get("/q/health/live").statusCode());
    }

    private static void assert431Problem(String answer, String detail) throws IOException {
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer.substring(0, Math.min(answer.length(), 300)));
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertTrue(head.contains("content-type: application/problem+json"), head);
        assertTrue(head.contains("connection: close"), head);
        var problem = ServeClient.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertEquals("urn:caig:problem:headers-too-large", problem.path("type").asText());
        assertEquals(431, problem.path("status").asInt());
        assertEquals("Request header fields too large", problem.path("title").asText());
        assertTrue(problem.path("detail").asText().contains(detail), problem.toString());
    }

    @Test
    @Timeout(30)
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /v1/generate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 16; i++) {
            request.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(chunk);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String answer = exchange(request.toByteArray());
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
    }

    /** Sends {@code request} (as far as the server lets it) and reads the answer until the server closes or 5 s pass. */
    private static String exchange(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            try {
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
            } catch (IOException e) {
                // The server may answer and close before it has read everything; the answer is still there to read.
            }
            return readUntilClosed(s.getInputStream());
        }
    }

    private static String readUntilClosed(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (complete(out.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (IOException e) {
            // a reset after the answer, or the read timeout: keep what came
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** A whole response: its head and as many body bytes as Content-Length says. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text.substring(0, end));
        return m.find() && text.length() - end - 4 >= Integer.parseInt(m.group(1));
    }

    private static String readAvailable(Socket s) throws IOException {
        try {
            byte[] buffer = new byte[8192];
            int n = s.getInputStream().read(buffer);
            if (n < 0) {
                return "(closed)";
            }
            String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            return text + readUntilClosed(s.getInputStream());
        } catch (SocketTimeoutException e) {
            return "";
        }
    }
}

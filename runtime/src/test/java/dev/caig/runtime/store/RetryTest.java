package dev.caig.runtime.store;

import com.sun.net.httpserver.HttpServer;
import dev.caig.runtime.CaigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retries against a loopback HTTP server that answers with chosen S3 errors. */
class RetryTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(int status, String code) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>m</Message>"
                    + "<Resource>/b/k</Resource><RequestId>1</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private S3ArtifactStore store(String endpoint) {
        return new S3ArtifactStore(new StoreSettings(endpoint, null, "k", "s", null, Duration.ofSeconds(2), 4,
                Duration.ofMillis(10)));
    }

    @Test
    void slowDownIsRetriedFourTimesThenReported() throws IOException {
        try (S3ArtifactStore store = store(serve(503, "SlowDown"))) {
            CaigException e = assertThrows(CaigException.class, () -> store.manifest(ArtifactUri.parse("s3://bkt/k")));
            assertTrue(e.getMessage().contains("after 4 tries"), e.getMessage());
        }
        assertEquals(4, requests.get());
    }

    @Test
    void clientErrorsAreNotRetried() throws IOException {
        try (S3ArtifactStore store = store(serve(403, "InvalidAccessKeyId"))) {
            CaigException e = assertThrows(CaigException.class, () -> store.manifest(ArtifactUri.parse("s3://bkt/k")));
            assertTrue(e.getMessage().contains("rejected the credentials (InvalidAccessKeyId)"), e.getMessage());
        }
        // One bucket check (a HEAD: 403 without a code, so the read is allowed to speak) and one read; no retries.
        assertEquals(2, requests.get());
    }

    @Test
    void backoffDoublesAndStopsAtTheLimit() {
        List<Long> sleeps = new ArrayList<>();
        Retry retry = new Retry(4, Duration.ofMillis(200), sleeps::add);
        Retry.Exhausted e = assertThrows(Retry.Exhausted.class, () -> retry.call(() -> {
            throw new java.net.ConnectException("refused");
        }));
        assertEquals(4, e.attempts);
        assertEquals(List.of(200L, 400L, 800L), sleeps);
    }
}

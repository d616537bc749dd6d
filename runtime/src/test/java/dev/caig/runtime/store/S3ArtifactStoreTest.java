package dev.caig.runtime.store;

import dev.caig.runtime.CaigException;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store against an embedded S3Proxy on loopback, through the MinIO SDK as against any S3 endpoint. */
class S3ArtifactStoreTest extends ArtifactStoreContract {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Path serverDir;
    private static EmbeddedS3Server server;
    private static MinioClient raw;

    @BeforeAll
    static void startServer() throws IOException {
        serverDir = Files.createTempDirectory("caig-s3-test");
        server = EmbeddedS3Server.start(serverDir, "test-access", "test-secret-key");
        raw = MinioClient.builder().endpoint(server.endpoint().toString()).region("us-east-1")
                .credentials("test-access", "test-secret-key").build();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
        try (var walk = Files.walk(serverDir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static StoreSettings settings(String accessKey, String secretKey) {
        return new StoreSettings(server.endpoint().toString(), null, accessKey, secretKey, null, null, 0, null);
    }

    @Override
    ArtifactStore openStore() {
        // Local-mode bucket creation on, so each test can use a fresh bucket without setup.
        return new S3ArtifactStore(settings("test-access", "test-secret-key"), true, null);
    }

    @Override
    ArtifactUri artifactUri(String name) {
        return ArtifactUri.parse("s3://caig-test/run-" + COUNTER.incrementAndGet() + "/" + name);
    }

    @Override
    void tamper(ArtifactUri object, byte[] bytes) throws Exception {
        raw.putObject(PutObjectArgs.builder().bucket(object.bucket()).object(object.key())
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
    }

    @Override
    BlobBackend backend() {
        return new S3Blobs(raw, server.endpoint().toString(), true, new Retry(1, Duration.ZERO));
    }

    @Test
    void twentyMegabyteFileGoesUpAsMultipartAndComesBackIntact() throws Exception {
        Path dir = tmp.resolve("big");
        Files.createDirectories(dir);
        byte[] data = new byte[20 * 1024 * 1024];
        new Random(7).nextBytes(data);
        Files.write(dir.resolve("weights.params"), data);
        ArtifactUri uri = artifactUri("big");

        MinioClient tracing = MinioClient.builder().endpoint(server.endpoint().toString()).region("us-east-1")
                .credentials("test-access", "test-secret-key").build();
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        tracing.traceOn(trace);
        try (BlobArtifactStore traced = new BlobArtifactStore(new S3Blobs(tracing, "test", true,
                new Retry(1, Duration.ZERO)), java.time.Clock.systemUTC()) { }) {
            traced.publish(dir, uri, "policy", "pcpo", Map.of(), Map.of());
        }

        String requests = trace.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(requests.contains("partNumber=3"), "20 MB in 8 MiB parts is a 3-part multipart upload");
        store.fetch(uri, tmp.resolve("out"));
        assertArrayEquals(data, Files.readAllBytes(tmp.resolve("out/weights.params")));
    }

    @Test
    void badCredentialsAreRefusedWithAClearMessageThatHidesTheSecret() {
        try (ArtifactStore wrong = new S3ArtifactStore(settings("test-access", "wrong-secret-123"))) {
            CaigException e = assertThrows(CaigException.class,
                    () -> wrong.manifest(ArtifactUri.parse("s3://caig-test/anything")));
            assertTrue(e.getMessage().contains("credentials"), e.getMessage());
            assertTrue(e.getMessage().contains(server.endpoint().toString()), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-secret-123"), e.getMessage());
        }
    }

    @Test
    void unreachableEndpointFailsWithinBoundedTime() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        StoreSettings dead = new StoreSettings("http://127.0.0.1:" + closedPort, null, "a", "b", null,
                Duration.ofSeconds(2), 4, Duration.ofMillis(50));
        long start = System.nanoTime();
        try (ArtifactStore store = new S3ArtifactStore(dead)) {
            CaigException e = assertThrows(CaigException.class,
                    () -> store.manifest(ArtifactUri.parse("s3://caig-test/x")));
            assertTrue(e.getMessage().startsWith("cannot reach the S3 endpoint http://127.0.0.1:" + closedPort),
                    e.getMessage());
            assertTrue(e.getMessage().contains("after 4 tries"), e.getMessage());
        }
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "bounded retries");
    }

    @Test
    void missingBucketIsNamedAndNotCreatedOutsideLocalMode() {
        try (ArtifactStore remote = new S3ArtifactStore(settings("test-access", "test-secret-key"))) {
            CaigException e = assertThrows(CaigException.class,
                    () -> remote.manifest(ArtifactUri.parse("s3://no-such-bucket/x")));
            assertEquals("bucket 'no-such-bucket' does not exist at " + server.endpoint()
                    + " (buckets are created automatically only in local mode; create it first)", e.getMessage());
        }
    }

    @Test
    void localModeRoutesS3UrisToAnEmbeddedServerAndLocalPathsToTheFileSystem() throws IOException {
        StoreSettings local = StoreSettings.from(Map.of("CAIG_LOCAL_STORE", tmp.resolve("local-store").toString()));
        assertTrue(local.localMode());
        ArtifactUri s3 = ArtifactUri.parse("s3://caig/runs/1/catalog");
        ArtifactUri folder = ArtifactUri.parse(tmp.resolve("folder-artifact").toString());
        try (ArtifactStore routed = ArtifactStores.open(local)) {
            routed.publish(sampleDir("src"), s3, "catalog", "market", Map.of(), Map.of());
            routed.publish(sampleDir("src2"), folder, "catalog", "market", Map.of(), Map.of());
            assertEquals(List.of("config.json", "manifest.json", "weights/model.params"), routed.list(s3));
        }
        // The embedded server stored the objects under the local store folder, bucket as sub-folder.
        assertTrue(Files.isRegularFile(tmp.resolve("local-store/caig/runs/1/catalog/manifest.json")));
        assertTrue(Files.isRegularFile(folder.path().resolve("manifest.json")));
        try (ArtifactStore reopened = ArtifactStores.open(local)) {
            assertTrue(reopened.exists(s3), "artifacts outlive the embedded server");
        }
    }
}

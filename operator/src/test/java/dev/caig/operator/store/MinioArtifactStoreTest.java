package dev.caig.operator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.SecretKeysRef;
import dev.caig.operator.crd.v1alpha1.StoreSpec;
import dev.caig.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;

/**
 * The MinIO-SDK store against a real S3 API (S3Proxy in memory on loopback, which checks the keys): reads, absence,
 * prefix deletion, and each resource's store opened with its own namespace's Secret at its own endpoint. The mock API
 * server keeps stringData as given (a real one moves it to base64 data); SecretArtifactStores reads both.
 */
@EnableKubernetesMockClient(crud = true)
class MinioArtifactStoreTest {
    static KubernetesClient client;
    static S3Proxy proxy;
    static String endpoint;
    static MinioClient admin;

    @BeforeAll
    static void startS3() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test-access", "test-secret").build();
        proxy.start();
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            Thread.sleep(10);
        }
        endpoint = "http://127.0.0.1:" + proxy.getPort();
        admin = MinioClient.builder().endpoint(endpoint).region("us-east-1").credentials("test-access", "test-secret").build();
        if (!admin.bucketExists(BucketExistsArgs.builder().bucket("caig").build())) {
            admin.makeBucket(MakeBucketArgs.builder().bucket("caig").build());
        }
    }

    @AfterAll
    static void stopS3() throws Exception {
        proxy.stop();
    }

    @Test
    void readsManifestMetricsAndDigestOfTheExactBytes() throws Exception {
        String manifest = "{\"kind\":\"policy\",\"producer\":\"pcpo\",\"created\":\"2026-11-30T07:00:00Z\","
                + "\"config\":{},\"files\":{\"model.params\":\"ab\"},\"metrics\":{\"pcpoLoss\":0.41,\"iterations\":5}}";
        put("runs/a/pcpo/manifest.json", manifest);
        put("runs/a/pcpo/progress.json", "{\"stage\":\"pcpo\",\"step\":5,\"total\":5,\"unit\":\"iteration\",\"updated\":\"x\"}");
        MinioArtifactStore store = new MinioArtifactStore(endpoint, "us-east-1", "test-access", "test-secret");
        ArtifactReader reader = new ArtifactReader(scope -> store);
        StoreScope scope = new StoreScope("team-a", storeSpec(endpoint, "keys"));

        Manifest m = reader.manifest(scope, "s3://caig/runs/a/pcpo/").orElseThrow();
        assertEquals("pcpo", m.producer());
        assertEquals(Map.of("pcpoLoss", 0.41, "iterations", 5.0), m.metrics());
        assertEquals("sha256:" + ResourceNames.sha256Hex(manifest.getBytes(StandardCharsets.UTF_8)), m.digest());
        assertEquals(new StageProgress("pcpo", 5, 5, "iteration", "x"), reader.progress(scope, "s3://caig/runs/a/pcpo/").orElseThrow());
        assertEquals(Optional.empty(), reader.manifest(scope, "s3://caig/runs/a/reward/"), "no manifest = incomplete artifact");
    }

    @Test
    void deletePrefixRemovesOnlyThatPrefix() throws Exception {
        put("runs/b/market/manifest.json", "{}");
        put("runs/b/pcpo/model.params", "w");
        put("runs/bb/pcpo/model.params", "keep");
        MinioArtifactStore store = new MinioArtifactStore(endpoint, "us-east-1", "test-access", "test-secret");
        assertEquals(2, store.deletePrefix(S3Uri.parse("s3://caig/runs/b")));
        assertEquals(Optional.empty(), store.read(S3Uri.parse("s3://caig/runs/b/pcpo/model.params")));
        assertTrue(store.read(S3Uri.parse("s3://caig/runs/bb/pcpo/model.params")).isPresent());
    }

    @Test
    void wrongCredentialsAreAStoreErrorNotAnAbsentObject() {
        MinioArtifactStore store = new MinioArtifactStore(endpoint, "us-east-1", "test-access", "wrong");
        StoreException e = assertThrows(StoreException.class, () -> store.read(S3Uri.parse("s3://caig/runs/a/pcpo/manifest.json")));
        assertTrue(!e.getMessage().contains("wrong") && !e.getMessage().contains("test-secret"), "never echo secrets: " + e.getMessage());
    }

    @Test
    void aResourceIsReadWithItsOwnSecretAtItsOwnEndpoint() throws Exception {
        put("runs/c/pcpo/manifest.json", "{\"kind\":\"policy\",\"producer\":\"pcpo\",\"producerUid\":\"u-1\"}");
        secret("team-a", "keys", "test-access", "test-secret");
        // The operator's default endpoint is elsewhere: only the resource's own spec.store.endpoint reaches the store.
        SecretArtifactStores stores = new SecretArtifactStores(client, new OperatorSettings("img", "img-gpu",
                "http://127.0.0.1:1", "us-east-1", Duration.ofSeconds(1), Duration.ofDays(1)));
        ArtifactReader reader = new ArtifactReader(stores);

        Manifest m = reader.manifest(new StoreScope("team-a", storeSpec(endpoint, "keys")), "s3://caig/runs/c/pcpo/").orElseThrow();
        assertEquals("u-1", m.producerUid());
        assertEquals("pcpo", m.producer());
    }

    @Test
    void anotherNamespacesSecretOrWrongKeysGiveNoAccess() throws Exception {
        put("runs/d/pcpo/manifest.json", "{}");
        secret("team-a", "keys", "test-access", "test-secret");
        secret("team-b", "keys", "test-access", "not-the-key");
        SecretArtifactStores stores = new SecretArtifactStores(client, new OperatorSettings("img", "img-gpu", endpoint,
                "us-east-1", Duration.ofSeconds(1), Duration.ofDays(1)));
        ArtifactReader reader = new ArtifactReader(stores);

        // team-b's resource is read with team-b's keys, never team-a's: the store refuses it.
        assertThrows(StoreException.class, () -> reader.manifest(new StoreScope("team-b", storeSpec(null, "keys")),
                "s3://caig/runs/d/pcpo/"));
        // A Secret of the same name in another namespace is not found from team-c.
        StoreException missing = assertThrows(StoreException.class,
                () -> stores.open(new StoreScope("team-c", storeSpec(null, "keys"))));
        assertEquals("Secret team-c/keys (spec.store.credentialsSecret) does not exist", missing.getMessage());
        assertTrue(reader.manifest(new StoreScope("team-a", storeSpec(null, "keys")), "s3://caig/runs/d/pcpo/").isPresent());
    }

    private static StoreSpec storeSpec(String storeEndpoint, String secretName) {
        StoreSpec spec = new StoreSpec();
        spec.setEndpoint(storeEndpoint);
        SecretKeysRef ref = new SecretKeysRef();
        ref.setName(secretName);
        spec.setCredentialsSecret(ref);
        return spec;
    }

    private static void secret(String namespace, String name, String accessKey, String secretKey) {
        client.resource(new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .addToStringData("accessKey", accessKey).addToStringData("secretKey", secretKey).build()).createOr(c -> c.update());
    }

    private static void put(String key, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        admin.putObject(PutObjectArgs.builder().bucket("caig").object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
    }
}

package dev.caig.operator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageBatchSpec;
import dev.caig.operator.crd.v1alpha1.AdImageBatchStatus;
import dev.caig.operator.crd.v1alpha1.BatchPhase;
import dev.caig.operator.crd.v1alpha1.ModelSourceSpec;
import dev.caig.operator.crd.v1alpha1.RenderSpec;
import dev.caig.operator.store.SecretArtifactStores;
import dev.caig.operator.testing.KubeletStandIn;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.StageRunner;
import dev.caig.operator.testing.TestOperator;
import dev.caig.runtime.generate.BatchGenerator;
import dev.caig.runtime.generate.CatalogGeneration;
import dev.caig.runtime.generate.ShardMerger;
import dev.caig.runtime.generate.Shard;
import dev.caig.runtime.generate.StoreOutput;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.PromptModelConfig;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.RewardModelConfig;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.EmbeddedS3Server;
import dev.caig.runtime.store.StoreSettings;
import dev.caig.runtime.text.Vocabulary;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An AdImageBatch end to end with a stand-in for the kubelet and the Job controller: the operator makes the Indexed
 * generation Job, the stand-in runs each index's pod by calling the runtime's generation in-process with the pod's
 * args (the completion index substituted as the kubelet would) against a real S3 API (the runtime's embedded
 * S3Proxy); shard 1's first pod is cut off after writing part of its output and fails, its retry resumes; then the
 * merge Job runs and the batch turns Succeeded with counts the operator summed from the shards' progress files.
 * The stand-in runs indexes one after another; a cluster runs them in parallel (the outputs do not overlap).
 */
@EnableKubernetesMockClient(crud = true)
class BatchEndToEndTest {
    static KubernetesClient client;
    private static final String NS = "batch-e2e";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBatchOfThreeShardsWithOneRetriedRunsToSucceeded(@TempDir Path dir) throws Exception {
        try (EmbeddedS3Server s3 = EmbeddedS3Server.start(dir.resolve("s3"))) {
            String endpoint = s3.endpoint().toString();
            MinioClient minio = MinioClient.builder().endpoint(endpoint).region("us-east-1")
                    .credentials(s3.accessKey(), s3.secretKey()).build();
            minio.makeBucket(MakeBucketArgs.builder().bucket("caig").build());
            StoreSettings settings = StoreSettings.from(Map.of("CAIG_S3_ENDPOINT", endpoint,
                    "CAIG_S3_ACCESS_KEY", s3.accessKey(), "CAIG_S3_SECRET_KEY", s3.secretKey()));
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
            client.resource(new SecretBuilder().withNewMetadata().withNamespace(NS).withName("caig-store").endMetadata()
                    .addToStringData("accessKey", s3.accessKey()).addToStringData("secretKey", s3.secretKey()).build()).create();
            TestOperator.installCrds(client);
            try (ArtifactStore store = ArtifactStores.open(settings)) {
                publishTinyModels(store, dir);
                uploadCatalog(store, dir);
                List<String> log = new CopyOnWriteArrayList<>();
                // the operator reads the shards' progress with the batch's own Secret at its own endpoint
                try (TestOperator operator = TestOperator.start(client, new SecretArtifactStores(client, TestOperator.SETTINGS));
                     KubeletStandIn kubelet = new KubeletStandIn(client, NS, pods(store, settings, minio, dir, log)).start()) {
                    client.resource(batch(endpoint)).create();

                    AdImageBatch done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                            .until(() -> client.resources(AdImageBatch.class).inNamespace(NS).withName("nightly").get(),
                                    b -> b.getStatus() != null && (b.getStatus().getPhase() == BatchPhase.Succeeded
                                            || b.getStatus().getPhase() == BatchPhase.Failed));
                    AdImageBatchStatus status = done.getStatus();
                    assertEquals(BatchPhase.Succeeded, status.getPhase(), () -> "status: " + status.getMessage() + " log: " + log);
                    assertEquals(3, status.getShardsSucceeded());
                    assertEquals(0, status.getShardsFailed());
                    assertEquals(7L, status.getProductsDone());
                    assertEquals(7L, status.getProductsTotal());
                    assertEquals(1L, status.getProductsSkipped());
                    assertEquals("s3://caig/batches/nightly/manifest.json", status.getManifestUri());
                    assertTrue(log.stream().anyMatch(l -> l.startsWith("shard 1/3 attempt 2:")
                            && l.contains("generate: resumed s3://caig/batches/nightly/shards/1: kept 1 products done earlier")), log.toString());

                    Job generate = client.batch().v1().jobs().inNamespace(NS).withName("nightly-generate").get();
                    assertEquals(1, generate.getStatus().getFailed(), "one pod failed and was retried");
                    JsonNode manifest = JSON.readTree(store.getText(ArtifactUri.parse(status.getManifestUri())).orElseThrow());
                    assertEquals(6, manifest.path("generated").asInt());
                    assertEquals(1, manifest.path("skipped").asInt());
                    assertEquals(3, manifest.path("shards").asInt());
                    assertEquals("sku-0", manifest.path("products").get(0).path("id").asText(), "catalog order");
                }
            }
        }
    }

    private static AdImageBatch batch(String endpoint) {
        AdImageBatch batch = new AdImageBatch();
        batch.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("nightly").build());
        AdImageBatchSpec spec = new AdImageBatchSpec();
        spec.setBusinessUnit("beauty");
        ModelSourceSpec model = new ModelSourceSpec();
        model.setPolicyUri("s3://caig/models/policy");
        model.setRewardUri("s3://caig/models/reward");
        spec.setModel(model);
        spec.setStore(Samples.store());
        spec.getStore().setEndpoint(endpoint);
        spec.setCatalogUri("s3://caig/catalogs/shop/catalog.json");
        spec.setCandidates(2);
        RenderSpec render = new RenderSpec();
        render.setSize(64);
        spec.setRender(render);
        spec.setShards(3);
        spec.setRetriesPerShard(1);
        spec.setOutputUri("s3://caig/batches/nightly");
        batch.setSpec(spec);
        return batch;
    }

    /**
     * Runs a pod of the batch's Jobs the way its container would: `caig generate ...` or `caig generate merge ...`
     * with the pod's args. Shard 1's first attempt is cut off: its output loses its manifest and last row (as if the
     * pod died before finishing them) and the pod fails.
     */
    private static StageRunner pods(ArtifactStore store, StoreSettings settings, MinioClient minio, Path dir, List<String> log) {
        return (job, attempt) -> {
            List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
            StringWriter err = new StringWriter();
            Path work = Files.createTempDirectory(dir, "pod");
            if (args.get(1).equals("merge")) {
                List<String> from = args.subList(args.indexOf("--from") + 1, args.size());
                new ShardMerger(4).merge(from.stream().map(u -> StoreOutput.open(store, u, work)).toList(),
                        StoreOutput.open(store, arg(args, "--out"), work));
                return true;
            }
            String index = job.getSpec().getTemplate().getMetadata().getAnnotations().get(KubeletStandIn.INDEX_ANNOTATION);
            Shard shard = Shard.parse(arg(args, "--shard").replace("$(JOB_COMPLETION_INDEX)", index));
            String out = arg(args, "--out").replace("$(JOB_COMPLETION_INDEX)", index);
            BatchGenerator.Options options = new BatchGenerator.Options(Integer.parseInt(arg(args, "--candidates")),
                    Long.parseLong(arg(args, "--seed")), Integer.parseInt(arg(args, "--size")), 4, shard);
            new CatalogGeneration(arg(args, "--policy"), arg(args, "--reward"), arg(args, "--catalog"), options, out)
                    .run(store, () -> ArtifactStores.open(settings), work, new PrintWriter(err, true));
            log.add("shard " + shard + " attempt " + attempt + ": " + err.toString().replace('\n', ' '));
            if (shard.index() == 1 && attempt == 1) {
                ArtifactUri output = ArtifactUri.parse(out);
                for (String cut : List.of("manifest.json", "rows/4.json")) {
                    minio.removeObject(RemoveObjectArgs.builder().bucket("caig").object(output.resolve(cut).key()).build());
                }
                return false;
            }
            return true;
        };
    }

    private static String arg(List<String> args, String name) {
        return args.get(args.indexOf(name) + 1);
    }

    private static void publishTinyModels(ArtifactStore store, Path dir) throws Exception {
        List<String> texts = List.of("<image> write a background for the product : rose hand cream",
                "marble surface , bathroom shelf , soft daylight , pastel pink tones",
                "wooden table , kitchen counter , warm lamp , fruit , cozy");
        try (PromptModel policy = PromptModel.create(new PromptModelConfig(0, 16, 8, 32, 1, 2, 40),
                Vocabulary.build(texts, 1), 12, 11);
             RewardModel reward = RewardModel.create(new RewardModelConfig(32, 4, 8), 12)) {
            policy.save(dir.resolve("policy"));
            reward.save(dir.resolve("reward"));
        }
        store.publish(dir.resolve("policy"), ArtifactUri.parse("s3://caig/models/policy"), "prompt-model", "test", Map.of(), Map.of());
        store.publish(dir.resolve("reward"), ArtifactUri.parse("s3://caig/models/reward"), "reward-model", "test", Map.of(), Map.of());
    }

    /** Seven entries with a brand and a price, as real catalogs carry them; entry 4 names a photo that is not there. */
    private static void uploadCatalog(ArtifactStore store, Path dir) throws Exception {
        Path photo = dir.resolve("p.png");
        BufferedImage image = new BufferedImage(48, 48, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 40, 40, 255));
        g.fillRect(12, 12, 24, 24);
        g.dispose();
        ImageIO.write(image, "png", photo.toFile());
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 7; i++) {
            json.append(i == 0 ? "" : ",").append(String.format("{\"id\": \"sku-%d\", \"image\": \"%s\", "
                    + "\"new_caption\": \"desk lamp %d\", \"brand\": \"Acme\", \"price\": 9.5}", i, i == 4 ? "gone.png" : "p.png", i));
        }
        Path catalog = Files.writeString(dir.resolve("catalog.json"), json.append("]").toString());
        store.upload(catalog, ArtifactUri.parse("s3://caig/catalogs/shop/catalog.json"));
        store.upload(photo, ArtifactUri.parse("s3://caig/catalogs/shop/p.png"));
    }
}

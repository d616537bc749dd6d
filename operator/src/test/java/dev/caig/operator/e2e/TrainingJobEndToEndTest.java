package dev.caig.operator.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.GeneratorPhase;
import dev.caig.operator.crd.v1alpha1.EvaluateSpec;
import dev.caig.operator.crd.v1alpha1.PcpoSpec;
import dev.caig.operator.crd.v1alpha1.PretrainSpec;
import dev.caig.operator.crd.v1alpha1.PromptModelSpec;
import dev.caig.operator.crd.v1alpha1.RenderSpec;
import dev.caig.operator.crd.v1alpha1.RewardSpec;
import dev.caig.operator.crd.v1alpha1.StageStatus;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.store.SecretArtifactStores;
import dev.caig.operator.testing.KubeletStandIn;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.StageRunner;
import dev.caig.operator.testing.TestOperator;
import dev.caig.runtime.serve.ArtifactModelLoader;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.serve.AdGenerator;
import dev.caig.runtime.serve.LoadedModels;
import dev.caig.runtime.serve.RankedAd;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.EmbeddedS3Server;
import dev.caig.runtime.store.StoreSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;

/**
 * The whole path a platform team takes, with a stand-in for the kubelet: an AdImageTrainingJob is applied, the
 * operator creates its stage Jobs, the stand-in runs each Job by calling the runtime's pipeline runner in-process
 * with the pipeline.yaml from the Job's ConfigMap, its --out/--stage args and its environment (store endpoint and the
 * keys from its Secret), against a real S3 API (the runtime's embedded S3Proxy) that the operator reads through the
 * same endpoint with the resource's own Secret (its default endpoint leads nowhere). The job must reach Succeeded with each
 * stage's metrics read from the manifests the runtime wrote; then a generator for it must turn Ready and answer
 * with ranked ads.
 */
@EnableKubernetesMockClient(crud = true)
class TrainingJobEndToEndTest {
    static KubernetesClient client;
    private static final String NS = "e2e";

    @Test
    void aTrainingJobRunsTheRealRuntimeStagesToSucceeded(@TempDir Path dir) throws Exception {
        try (EmbeddedS3Server s3 = EmbeddedS3Server.start(dir.resolve("s3"))) {
            String endpoint = s3.endpoint().toString();
            MinioClient.builder().endpoint(endpoint).region("us-east-1").credentials(s3.accessKey(), s3.secretKey())
                    .build().makeBucket(MakeBucketArgs.builder().bucket("caig").build());
            StoreSettings settings = StoreSettings.from(Map.of("CAIG_S3_ENDPOINT", endpoint,
                    "CAIG_S3_ACCESS_KEY", s3.accessKey(), "CAIG_S3_SECRET_KEY", s3.secretKey()));
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
            client.resource(new SecretBuilder().withNewMetadata().withNamespace(NS).withName("caig-store").endMetadata()
                    .addToStringData("accessKey", s3.accessKey()).addToStringData("secretKey", s3.secretKey()).build()).create();
            TestOperator.installCrds(client);
            // The operator's default endpoint (TestOperator.SETTINGS) leads nowhere: it must read where the pods write.
            Map<String, long[]> stageTimes = new java.util.concurrent.ConcurrentHashMap<>();
            try (ArtifactStore runtimeStore = ArtifactStores.open(settings);
                 TestOperator operator = TestOperator.start(client, new SecretArtifactStores(client, TestOperator.SETTINGS));
                 KubeletStandIn kubelet = new KubeletStandIn(client, NS, runtime(dir, stageTimes)).start()) {
                AdImageTrainingJob tiny = tinyJob();
                tiny.getSpec().getStore().setEndpoint(endpoint);
                client.resource(tiny).create();

                AdImageTrainingJob done = await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> client.resources(AdImageTrainingJob.class).inNamespace(NS).withName("tiny").get(),
                                j -> j.getStatus() != null && (j.getStatus().getPhase() == TrainingPhase.Succeeded
                                        || j.getStatus().getPhase() == TrainingPhase.Failed));
                assertEquals(TrainingPhase.Succeeded, done.getStatus().getPhase(), () -> "status: " + done.getStatus());
                List<StageStatus> stages = done.getStatus().getStages();
                assertEquals(List.of("market", "pretrain", "reward", "pcpo", "dpo", "evaluate"),
                        stages.stream().map(StageStatus::getName).toList());
                for (StageStatus s : stages) {
                    assertNotNull(s.getArtifactUri(), s.getName());
                    assertTrue(s.getMetrics() != null && !s.getMetrics().isEmpty(), s.getName() + " has metrics");
                }
                // pretrain and reward depend only on market: the operator starts both Jobs together, and they ran at once
                long[] pretrain = stageTimes.get("pretrain");
                long[] reward = stageTimes.get("reward");
                assertTrue(pretrain[0] < reward[1] && reward[0] < pretrain[1],
                        "pretrain and reward overlap in time (started " + (reward[0] - pretrain[0]) / 1_000_000 + " ms apart)");
                Map<String, ?> evaluate = stages.get(5).getMetrics();
                assertTrue(evaluate.containsKey("reward.accuracy"), "evaluate metrics: " + evaluate.keySet());
                assertTrue(evaluate.containsKey("pcpo.liftVsPretrained"), "evaluate metrics: " + evaluate.keySet());

                servesTheTrainedModel(settings, runtimeStore, dir);
            }
        }
    }

    /**
     * A generator for the trained job: the operator deploys `caig serve`; the stand-in loads the models its args name
     * (verified against their manifests) and marks the Deployment ready, as the kubelet would once the readiness probe
     * passes; the generator turns Ready, and the loaded models answer with ranked ads.
     */
    private static void servesTheTrainedModel(StoreSettings settings, ArtifactStore runtimeStore, Path dir) throws Exception {
        AdImageGenerator generator = Samples.generator(NS, "beauty", "tiny");
        generator.getSpec().setReplicas(1);
        generator.getSpec().setApiKeySecret(null);
        client.resource(generator).create();
        Deployment deployment = await().atMost(Duration.ofSeconds(30))
                .until(() -> client.apps().deployments().inNamespace(NS).withName("beauty").get(), d -> d != null);
        List<String> args = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertEquals("serve", args.get(0));
        String policy = args.get(args.indexOf("--policy") + 1);
        String reward = args.get(args.indexOf("--reward") + 1);
        // The service's HTTP layer is tested in serve/ (a Quarkus app of its own, not in this JVM); here its
        // generation core loads the Deployment's model URIs from the store, verified, and answers.
        try (LoadedModels models = new ArtifactModelLoader(() -> ArtifactStores.open(settings), policy, reward, 64, 1).load()) {
            client.apps().deployments().inNamespace(NS).withName("beauty").editStatus(d -> {
                d.setStatus(new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(1).withUpdatedReplicas(1)
                        .withAvailableReplicas(1).withObservedGeneration(d.getMetadata().getGeneration()).build());
                return d;
            });
            AdImageGenerator ready = await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.resources(AdImageGenerator.class).inNamespace(NS).withName("beauty").get(),
                            g -> g.getStatus() != null && g.getStatus().getPhase() == GeneratorPhase.Ready);
            assertEquals(policy, ready.getStatus().getModelUri());
            assertNotNull(ready.getStatus().getModelDigest());
            assertEquals(ready.getStatus().getModelDigest(), models.info().policy().digest());

            Path product = Files.createTempDirectory(dir, "market");
            runtimeStore.fetch(ArtifactUri.parse("s3://caig/runs/tiny/market"), product);
            Path photo = Files.list(product.resolve("products")).sorted().findFirst().orElseThrow();
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(photo.toFile());
            List<RankedAd> ads = new AdGenerator(models, new AdRenderer(), 64, Runnable::run)
                    .generate(image, "Aurelle rose hand cream 30ml", 3, 5L);
            assertEquals(3, ads.size());
            for (int i = 0; i < ads.size(); i++) {
                assertEquals(i + 1, ads.get(i).rank());
                assertEquals(64, ads.get(i).image().getWidth());
                if (i > 0) {
                    assertTrue(ads.get(i).score() <= ads.get(i - 1).score());
                }
            }
        }
    }

    /**
     * Runs one stage Job the way its pod would: a process of its own running `caig pipeline --config ... --out ...
     * --stage ...` with the Job's args and the container's environment (store endpoint, region, producer UID, and the
     * keys from its Secret), so two Jobs the operator creates together (pretrain and reward) run at the same time, as
     * their pods would. Differences from a pod: the config file and work dir are temp paths, and the DJL engine cache
     * is this machine's (a pod unpacks it into its emptyDir).
     */
    private static StageRunner runtime(Path dir, Map<String, long[]> stageTimes) {
        return (job, attempt) -> {
            Path pod = Files.createTempDirectory(dir, job.getMetadata().getName() + "-" + attempt + "-");
            Path config = Files.writeString(pod.resolve("pipeline.yaml"), pipelineYaml(job));
            List<String> args = new java.util.ArrayList<>(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
            args.set(args.indexOf("--config") + 1, config.toString());
            List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                    "-Dai.djl.pytorch.num_interop_threads=1", "-cp", System.getProperty("java.class.path"),
                    "dev.caig.runtime.cli.Main"));
            command.addAll(args);
            // the pod's working directory: what a stage writes next to itself (evaluate's local report) stays there
            ProcessBuilder process = new ProcessBuilder(command).directory(pod.toFile()).redirectErrorStream(true)
                    .redirectOutput(pod.resolve("pod.log").toFile());
            process.environment().putAll(podEnv(job));
            process.environment().put("CAIG_WORK_DIR", pod.toString());
            long start = System.nanoTime();
            int exit;
            try {
                exit = process.start().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            stageTimes.put(KubeletStandIn.stage(job), new long[] {start, System.nanoTime()});
            if (exit != 0) {
                System.err.println(Files.readString(pod.resolve("pod.log"))); // the pod's log: why a stage failed
            }
            return exit == 0;
        };
    }

    /**
     * The container's environment as the kubelet gives it: values, and secretKeyRefs read from the Secret. The
     * container's paths (CAIG_WORK_DIR, HOME, DJL_CACHE_DIR) are left out: the process runs in this machine's temp dirs.
     */
    private static Map<String, String> podEnv(Job job) {
        Map<String, String> env = new java.util.HashMap<>();
        for (EnvVar e : job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            if (List.of("CAIG_WORK_DIR", "HOME", "DJL_CACHE_DIR").contains(e.getName())) {
                continue;
            }
            if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                var ref = e.getValueFrom().getSecretKeyRef();
                env.put(e.getName(), client.secrets().inNamespace(NS).withName(ref.getName()).get().getStringData().get(ref.getKey()));
            } else {
                env.put(e.getName(), e.getValue());
            }
        }
        return env;
    }

    private static String pipelineYaml(Job job) {
        Volume volume = job.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null).findFirst().orElseThrow();
        return client.configMaps().inNamespace(NS).withName(volume.getConfigMap().getName()).get().getData().values()
                .iterator().next();
    }

    /** Toy sizes: every stage runs for real in seconds. */
    private static AdImageTrainingJob tinyJob() {
        AdImageTrainingJob job = Samples.trainingJob(NS, "tiny");
        var spec = job.getSpec();
        spec.getData().getMarket().setProducts(10);
        spec.getData().getMarket().setCreativesPerProduct(8);
        spec.getData().setHeldOutFraction(0.3);
        RenderSpec render = new RenderSpec();
        render.setSize(64);
        spec.setRender(render);
        PromptModelSpec model = new PromptModelSpec();
        model.setImageSize(32);
        model.setPatchSize(16);
        model.setEmbedDim(32);
        model.setLayers(1);
        model.setHeads(2);
        spec.setPromptModel(model);
        PretrainSpec pretrain = new PretrainSpec();
        pretrain.setEpochs(1);
        pretrain.setExamplesPerProduct(4);
        spec.setPretrain(pretrain);
        RewardSpec reward = new RewardSpec();
        reward.setEpochs(1);
        reward.setImageSize(32);
        reward.setMinImpressions(100L);
        reward.setMinCtrRatio(1.0);
        reward.setMaxCtrRatio(3.0);
        reward.setChannels(4);
        reward.setMinPairs(2);
        spec.setReward(reward);
        PcpoSpec pcpo = new PcpoSpec();
        pcpo.setIterations(2);
        pcpo.setBatchSamples(4);
        pcpo.setBatchSize(4);
        pcpo.setLearningRate(0.001);
        spec.setPcpo(pcpo);
        EvaluateSpec evaluate = new EvaluateSpec();
        evaluate.setImpressionsPerArm(2000L);
        evaluate.setSamplesPerProduct(1);
        evaluate.setOracleCandidates(2);
        spec.setEvaluate(evaluate);
        return job;
    }
}

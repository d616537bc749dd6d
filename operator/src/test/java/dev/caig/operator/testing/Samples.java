package dev.caig.operator.testing;

import java.util.List;
import java.util.Map;

import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageBatchSpec;
import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageGeneratorSpec;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobSpec;
import dev.caig.operator.crd.v1alpha1.ArtifactsSpec;
import dev.caig.operator.crd.v1alpha1.CleanupPolicy;
import dev.caig.operator.crd.v1alpha1.DataSpec;
import dev.caig.operator.crd.v1alpha1.MarketSpec;
import dev.caig.operator.crd.v1alpha1.ModelSourceSpec;
import dev.caig.operator.crd.v1alpha1.PcpoSpec;
import dev.caig.operator.crd.v1alpha1.SecretKeysRef;
import dev.caig.operator.crd.v1alpha1.StageResources;
import dev.caig.operator.crd.v1alpha1.StoreSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;

/** Resources built in code for tests (the YAML samples are tested separately). */
public final class Samples {
    private Samples() {
    }

    public static AdImageTrainingJob trainingJob(String ns, String name) {
        AdImageTrainingJob job = new AdImageTrainingJob();
        job.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withGeneration(1L).build());
        AdImageTrainingJobSpec spec = new AdImageTrainingJobSpec();
        DataSpec data = new DataSpec();
        MarketSpec market = new MarketSpec();
        market.setProducts(40);
        market.setCreativesPerProduct(8);
        market.setSeed(7L);
        data.setMarket(market);
        spec.setData(data);
        spec.setSeed(7L);
        PcpoSpec pcpo = new PcpoSpec();
        pcpo.setIterations(5);
        StageResources gpu = new StageResources();
        gpu.setGpu(1);
        gpu.setMemory("8Gi");
        pcpo.setResources(gpu);
        spec.setPcpo(pcpo);
        StageResources defaults = new StageResources();
        defaults.setCpu("2");
        defaults.setMemory("4Gi");
        spec.setResources(defaults);
        spec.setNodeSelector(Map.of("caig.dev/pool", "training"));
        spec.setTolerations(List.of(new TolerationBuilder().withKey("nvidia.com/gpu").withOperator("Exists")
                .withEffect("NoSchedule").build()));
        spec.setPriorityClassName("caig-training");
        spec.setRetryLimit(2);
        spec.setActiveDeadlineSeconds(7200L);
        ArtifactsSpec artifacts = new ArtifactsSpec();
        artifacts.setBucket("caig");
        artifacts.setPrefix("runs/" + name);
        artifacts.setCleanupPolicy(CleanupPolicy.Retain);
        spec.setArtifacts(artifacts);
        spec.setStore(store());
        job.setSpec(spec);
        return job;
    }

    public static StoreSpec store() {
        StoreSpec store = new StoreSpec();
        store.setEndpoint("http://minio.minio:9000");
        SecretKeysRef secret = new SecretKeysRef();
        secret.setName("caig-store");
        store.setCredentialsSecret(secret);
        return store;
    }

    public static AdImageGenerator generator(String ns, String name, String trainingJob) {
        AdImageGenerator gen = new AdImageGenerator();
        gen.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withGeneration(1L).build());
        AdImageGeneratorSpec spec = new AdImageGeneratorSpec();
        spec.setBusinessUnit("beauty");
        ModelSourceSpec model = new ModelSourceSpec();
        model.setTrainingJobRef(trainingJob);
        spec.setModel(model);
        spec.setReplicas(2);
        spec.setMaxCandidates(4);
        spec.setApiKeySecret("beauty-api-keys");
        gen.setSpec(spec);
        return gen;
    }

    /** A generator whose model is given by URIs under s3://models/<ns>/ (policy/, reward/), not by a training job. */
    public static AdImageGenerator generatorOfUris(String ns, String name) {
        AdImageGenerator gen = generator(ns, name, null);
        gen.getSpec().getModel().setTrainingJobRef(null);
        gen.getSpec().getModel().setPolicyUri("s3://models/" + ns + "/policy");
        gen.getSpec().getModel().setRewardUri("s3://models/" + ns + "/reward");
        gen.getSpec().setStore(store());
        return gen;
    }

    /** A 3-shard batch of the beauty unit over the tiny catalog, its ads under s3://caig/ads/<name>/. */
    public static AdImageBatch batch(String ns, String name, ModelSourceSpec model) {
        AdImageBatch batch = new AdImageBatch();
        batch.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
        AdImageBatchSpec spec = new AdImageBatchSpec();
        spec.setBusinessUnit("beauty");
        spec.setModel(model);
        spec.setStore(store());
        spec.setCatalogUri("s3://caig/catalog/tiny.json");
        spec.setShards(3);
        spec.setOutputUri("s3://caig/ads/" + name + "/");
        batch.setSpec(spec);
        return batch;
    }
}

package dev.caig.runtime.serve;

import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The operator passes s3:// URIs: the loader fetches and verifies the models from S3 (the embedded server here). */
class S3ModelsTest {

    @Test
    void servesModelsFetchedFromS3(@TempDir Path dir) throws Exception {
        ServeFixtures.Artifacts local = ServeFixtures.publishTinyModels(dir.resolve("local"));
        StoreSettings settings = StoreSettings.from(Map.of()).withLocalStoreDir(dir.resolve("s3"));
        String policyUri = "s3://caig/serve-test/policy";
        String rewardUri = "s3://caig/serve-test/reward";
        ArtifactManifest policy;
        try (ArtifactStore store = ArtifactStores.open(settings)) {
            policy = store.publish(Path.of(local.policyUri()), ArtifactUri.parse(policyUri), "prompt-model", "test", Map.of(), Map.of());
            store.publish(Path.of(local.rewardUri()), ArtifactUri.parse(rewardUri), "reward-model", "test", Map.of(), Map.of());
        }
        ModelLoader loader = new ArtifactModelLoader(() -> ArtifactStores.open(settings), policyUri, rewardUri, 32, 1);
        try (LoadedModels models = loader.load()) {
            assertEquals(policyUri, models.info().policy().uri());
            assertEquals(policy.digest(), models.info().policy().digest());
            BufferedImage product = ServeFixtures.product(96, 80);
            List<RankedAd> ads = new AdGenerator(models, new AdRenderer(), 32, Runnable::run).generate(product, "tea cup", 2, 5L);
            assertEquals(2, ads.size());
            assertEquals(32, ads.get(0).image().getWidth());
        }
    }
}

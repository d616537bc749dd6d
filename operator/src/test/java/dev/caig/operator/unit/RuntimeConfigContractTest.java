package dev.caig.operator.unit;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.trainingjob.PipelineConfigRenderer;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract between operator and runtime: the pipeline.yaml the operator renders into a stage's ConfigMap
 * must load in the runtime's own loader, which refuses unknown fields, and carry the values the user set.
 */
class RuntimeConfigContractTest {
    @Test
    void theShippedTrainingSampleRendersAConfigTheRuntimeAccepts() throws IOException {
        AdImageTrainingJob job = Serialization.unmarshal(
                Files.readString(Path.of("..", "samples", "training-quickstart.yaml")), AdImageTrainingJob.class);
        PipelineConfig config = PipelineConfigLoader.parse(PipelineConfigRenderer.render(job), "rendered pipeline.yaml");
        assertTrue(config.data().simulated());
        assertEquals(job.getSpec().getData().getMarket().getProducts(), config.data().market().products());
        assertEquals(job.getSpec().getPcpo().getIterations(), config.pcpo().iterations());
        assertEquals(job.getSpec().getReward().getMinImpressions().longValue(), config.reward().minImpressions());
        assertEquals(job.getSpec().getReward().getPointwiseWeight(), config.reward().pointwiseWeight());
        assertEquals(1.0, config.reward().pointwiseWeight(), "the sample trains the reward model with the pointwise term");
        assertEquals(job.getSpec().getPcpo().getBatchSize(), config.pcpo().batchSize());
        assertEquals(job.getSpec().getPcpo().getEpochsPerIteration(), config.pcpo().epochsPerIteration());
        assertEquals(4.0, config.pcpo().chosenNllWeight(), "the sample anchors PCPO as paper.yaml does");
        assertEquals(true, config.pcpo().refreshReference());
        assertEquals(job.getSpec().getPretrain().getExamplesPerProduct(), config.pretrain().examplesPerProduct());
        assertEquals(job.getSpec().getEvaluate().getSamplesPerProduct(), config.evaluate().samplesPerProduct());
    }

    @Test
    void theRewardModelsEpochChoiceReachesTheRuntime() {
        AdImageTrainingJob job = Samples.trainingJob("ns", "last-epoch");
        job.getSpec().setReward(new dev.caig.operator.crd.v1alpha1.RewardSpec());
        job.getSpec().getReward().setValidationFraction(0.0);
        job.getSpec().getReward().setMembers(3);
        PipelineConfig config = PipelineConfigLoader.parse(PipelineConfigRenderer.render(job), "rendered");
        assertEquals(0.0, config.reward().validationFraction(), "0 keeps the last epoch; the runtime's default is 0.1");
        assertEquals(3, config.reward().members(), "an ensemble of three reward models");
        job.getSpec().setPcpo(new dev.caig.operator.crd.v1alpha1.PcpoSpec());
        job.getSpec().getPcpo().setRestarts(3);
        job.getSpec().getReward().setValidationFraction(0.1);
        assertEquals(3, PipelineConfigLoader.parse(PipelineConfigRenderer.render(job), "rendered").pcpo().restarts(),
                "three PCPO restarts");
        assertEquals(0.0, config.reward().pointwiseWeight(), "left out, the paper's pair loss alone");
        assertEquals("patch", config.reward().trunk(), "left out, the patch trunk");
        job.getSpec().getReward().setTrunk("conv");
        assertEquals("conv", PipelineConfigLoader.parse(PipelineConfigRenderer.render(job), "rendered").reward().trunk(),
                "the overlapping-convolution trunk");
    }

    @Test
    void theShippedSampleMatchesTheLocalQuickstart() throws IOException {
        AdImageTrainingJob job = Serialization.unmarshal(
                Files.readString(Path.of("..", "samples", "training-quickstart.yaml")), AdImageTrainingJob.class);
        PipelineConfig cluster = PipelineConfigLoader.parse(PipelineConfigRenderer.render(job), "rendered");
        PipelineConfig local = PipelineConfigLoader.load(Path.of("..", "samples", "local", "quickstart.yaml"));
        assertEquals(local.data(), cluster.data());
        assertEquals(local.promptModel(), cluster.promptModel());
        assertEquals(local.pretrain(), cluster.pretrain());
        assertEquals(local.reward(), cluster.reward());
        assertEquals(local.pcpo(), cluster.pcpo());
        assertEquals(local.evaluate(), cluster.evaluate());
    }

    @Test
    void aUserDataJobPassesItsCatalogAndClickLogsToTheRuntime() {
        AdImageTrainingJob job = Samples.trainingJob("ns", "shop");
        job.getSpec().getData().setMarket(null);
        job.getSpec().getData().setCatalog("s3://shop-data/2024/catalog.json");
        job.getSpec().getData().setClickLogs("s3://shop-data/2024/clicks.json");
        job.getSpec().getData().setHeldOutFraction(0.2);
        PipelineConfig config = PipelineConfigLoader.parse(PipelineConfigRenderer.render(job), "rendered pipeline.yaml");
        assertFalse(config.data().simulated());
        assertEquals("s3://shop-data/2024/catalog.json", config.data().catalog());
        assertEquals("s3://shop-data/2024/clicks.json", config.data().clickLogs());
        assertEquals(0.2, config.data().heldOutFraction());
    }

    @Test
    void theTestSampleRendersAConfigTheRuntimeAccepts() {
        AdImageTrainingJob job = Samples.trainingJob("ns", "contract");
        PipelineConfig config = PipelineConfigLoader.parse(PipelineConfigRenderer.render(job), "rendered pipeline.yaml");
        assertEquals("contract", config.name());
    }

    @Test
    void aJobWithoutCandidateCountsGetsEightCandidatesPerProduct() {
        AdImageTrainingJob job = Samples.trainingJob("ns", "defaults");
        job.getSpec().setPcpo(null);
        assertEquals(8, PipelineConfigLoader.parse(PipelineConfigRenderer.render(job), "rendered").pcpo().generateNums());
        AdImageTrainingJob paper = Samples.trainingJob("ns", "paper");
        paper.getSpec().setPcpo(new dev.caig.operator.crd.v1alpha1.PcpoSpec());
        paper.getSpec().getPcpo().setGenerateNums(2);
        assertEquals(2, PipelineConfigLoader.parse(PipelineConfigRenderer.render(paper), "rendered").pcpo().generateNums(),
                "a job's own setting wins");
    }
}

package dev.caig.operator.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.EvaluateSpec;
import dev.caig.operator.crd.v1alpha1.PcpoSpec;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.trainingjob.PipelineConfigRenderer;
import dev.caig.operator.trainingjob.PipelinePlan;
import dev.caig.operator.trainingjob.PipelinePlanner;
import dev.caig.operator.trainingjob.PlannedStage;
import dev.caig.operator.trainingjob.Stage;

/** The DAG, the rendered pipeline.yaml and deterministic names. */
class PipelineTest {

    @Test
    void fullDagWithMarketAndAblation() {
        PipelinePlan plan = PipelinePlanner.plan(Samples.trainingJob("ns", "q"));
        assertEquals(List.of(Stage.MARKET, Stage.PRETRAIN, Stage.REWARD, Stage.PCPO, Stage.DPO, Stage.EVALUATE),
                plan.stages().stream().map(PlannedStage::stage).toList());
        assertEquals(List.of(Stage.MARKET), plan.find(Stage.PRETRAIN).get().dependsOn());
        assertEquals(List.of(Stage.PRETRAIN, Stage.REWARD), plan.find(Stage.PCPO).get().dependsOn());
        assertEquals(List.of(Stage.PRETRAIN, Stage.REWARD), plan.find(Stage.DPO).get().dependsOn());
        assertEquals(List.of(Stage.REWARD, Stage.PCPO, Stage.DPO), plan.find(Stage.EVALUATE).get().dependsOn());
        assertEquals("s3://caig/runs/q/pcpo/", plan.find(Stage.PCPO).get().artifactUri());
    }

    @Test
    void userDataHasNoMarketStageAndNoAblationMeansNoDpo() {
        AdImageTrainingJob job = Samples.trainingJob("ns", "q");
        job.getSpec().getData().setMarket(null);
        job.getSpec().getData().setCatalog("s3://caig/data/tiny.json");
        job.getSpec().getData().setClickLogs("s3://caig/data/clicks.json");
        EvaluateSpec eval = new EvaluateSpec();
        eval.setAblation(false);
        job.getSpec().setEvaluate(eval);
        PipelinePlan plan = PipelinePlanner.plan(job);
        assertEquals(List.of(Stage.PRETRAIN, Stage.REWARD, Stage.PCPO, Stage.EVALUATE),
                plan.stages().stream().map(PlannedStage::stage).toList());
        assertEquals(List.of(), plan.find(Stage.PRETRAIN).get().dependsOn());
        assertEquals(List.of(Stage.REWARD, Stage.PCPO), plan.find(Stage.EVALUATE).get().dependsOn());
    }

    @Test
    void evaluateDisabledDropsEvaluateAndDpo() {
        AdImageTrainingJob job = Samples.trainingJob("ns", "q");
        EvaluateSpec eval = new EvaluateSpec();
        eval.setEnabled(false);
        job.getSpec().setEvaluate(eval);
        assertEquals(List.of(Stage.MARKET, Stage.PRETRAIN, Stage.REWARD, Stage.PCPO),
                PipelinePlanner.plan(job).stages().stream().map(PlannedStage::stage).toList());
    }

    @Test
    void fromArtifactSkipsTheStageAndUsesTheGivenUri() {
        AdImageTrainingJob job = Samples.trainingJob("ns", "q");
        job.getSpec().getPcpo().setFromArtifact("s3://models/policy-v3");
        PlannedStage pcpo = PipelinePlanner.plan(job).find(Stage.PCPO).get();
        assertTrue(pcpo.skipped());
        assertEquals("s3://models/policy-v3/", pcpo.artifactUri());
    }

    @Test
    void defaultPrefixIsNamespaceNameAndUidSoARecreatedResourceStartsAfresh() {
        AdImageTrainingJob job = Samples.trainingJob("team-a", "q");
        job.getSpec().getArtifacts().setPrefix(null);
        job.getMetadata().setUid("1111-aaaa");
        assertEquals("s3://caig/caig/team-a/q/1111-aaaa", PipelinePlanner.outUri(job));
        job.getMetadata().setUid("2222-bbbb"); // deleted and created again under the same name
        assertEquals("s3://caig/caig/team-a/q/2222-bbbb", PipelinePlanner.outUri(job));
    }

    @Test
    void pipelineYamlHoldsWhatTheUserSetAndNoKubernetesFields() {
        AdImageTrainingJob job = Samples.trainingJob("ns", "quickstart");
        PcpoSpec pcpo = job.getSpec().getPcpo();
        pcpo.setLearningRate(2.0e-5);
        pcpo.setFromArtifact("s3://models/p");
        String yaml = PipelineConfigRenderer.render(job);
        assertTrue(yaml.startsWith("name: quickstart\nseed: 7\ndata:\n  market:\n    products: 40\n"), yaml);
        assertTrue(yaml.contains("pcpo:\n  iterations: 5\n  learningRate: 2.0E-5\n  fromArtifact: s3://models/p\n"), yaml);
        assertFalse(yaml.contains("resources"), yaml);
        assertFalse(yaml.contains("gpu"), yaml);
        assertFalse(yaml.contains("caig-store"), yaml);
        assertFalse(yaml.contains("reward:"), "unset sections are left to the runtime's defaults");
    }

    @Test
    void namesAreDeterministicAndFitIn63Characters() {
        assertEquals("quickstart-pcpo", ResourceNames.stageJob("quickstart", "pcpo"));
        String longName = "a-very-long-training-job-name-that-goes-on-and-on-beyond-the-limit";
        String a = ResourceNames.stageJob(longName, "evaluate");
        assertEquals(a, ResourceNames.stageJob(longName, "evaluate"));
        assertTrue(a.length() <= 63, a);
        assertTrue(a.endsWith("-evaluate"), a);
        assertTrue(ResourceNames.stageJob(longName + "x", "evaluate").length() <= 63);
        assertFalse(a.equals(ResourceNames.stageJob(longName + "x", "evaluate")), "different names, different hashes");
    }
}

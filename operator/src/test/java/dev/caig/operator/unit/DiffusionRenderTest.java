package dev.caig.operator.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobStatus;
import dev.caig.operator.crd.v1alpha1.ModelSourceSpec;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.crd.v1alpha1.EvaluateSpec;
import dev.caig.operator.crd.v1alpha1.RenderSpec;
import dev.caig.operator.crd.v1alpha1.StageResources;
import dev.caig.operator.generator.GeneratorResources;
import dev.caig.operator.generator.ModelResolver;
import dev.caig.operator.generator.ResolvedModel;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.testing.InMemoryArtifactStore;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.TestOperator;
import dev.caig.operator.trainingjob.PipelineConfigRenderer;
import dev.caig.operator.trainingjob.PipelinePlan;
import dev.caig.operator.trainingjob.PipelinePlanner;
import dev.caig.operator.trainingjob.Stage;
import dev.caig.operator.trainingjob.StageJobFactory;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * spec.render with the diffusion back end: the stages and generators that render ask for a GPU (and so run the
 * CUDA image) unless their resources name a GPU count, and the runtime reads the same settings the user wrote.
 */
class DiffusionRenderTest {
    static final String GPU = "nvidia.com/gpu";

    static RenderSpec diffusion() {
        RenderSpec r = new RenderSpec();
        r.setModel("s3://caig/renderers/sd15-canny");
        r.setSteps(40);
        r.setSampler("euler-ancestral");
        r.setGuidance(7.5);
        r.setSize(512);
        return r;
    }

    @Test
    void stagesThatRenderAskForAGpuAndTheOthersDoNot() {
        AdImageTrainingJob cr = Samples.trainingJob("team-a", "sd");
        cr.getMetadata().setUid("uid-1");
        cr.getSpec().getResources().setGpu(null);
        cr.getSpec().getPcpo().setResources(null);
        cr.getSpec().setRender(diffusion());
        PipelinePlan plan = PipelinePlanner.plan(cr);
        for (Stage stage : List.of(Stage.PCPO, Stage.DPO, Stage.EVALUATE)) {
            Container c = container(cr, plan, stage);
            assertEquals(new Quantity("1"), c.getResources().getLimits().get(GPU), stage.id());
            assertEquals(GeneratorImageTest.CUDA_IMAGE, c.getImage(), stage.id());
        }
        for (Stage stage : List.of(Stage.MARKET, Stage.PRETRAIN, Stage.REWARD)) {
            Container c = container(cr, plan, stage);
            assertTrue(c.getResources().getLimits() == null || c.getResources().getLimits().get(GPU) == null, stage.id());
            assertEquals(GeneratorImageTest.CPU_IMAGE, c.getImage(), stage.id());
        }
    }

    @Test
    void anExplicitGpuCountWinsOverTheDiffusionDefault() {
        AdImageTrainingJob cr = Samples.trainingJob("team-a", "sd");
        cr.getMetadata().setUid("uid-1");
        cr.getSpec().getResources().setGpu(null);
        cr.getSpec().setRender(diffusion());
        EvaluateSpec evaluate = cr.getSpec().getEvaluate() == null ? new EvaluateSpec() : cr.getSpec().getEvaluate();
        StageResources cpu = new StageResources();
        cpu.setGpu(0);
        evaluate.setResources(cpu);
        cr.getSpec().setEvaluate(evaluate);
        PipelinePlan plan = PipelinePlanner.plan(cr);
        Container c = container(cr, plan, Stage.EVALUATE);
        assertTrue(c.getResources().getLimits() == null || c.getResources().getLimits().get(GPU) == null);
        assertEquals(GeneratorImageTest.CPU_IMAGE, c.getImage());
    }

    @Test
    void theRenderedPipelineConfigCarriesTheDiffusionSettingsTheRuntimeAccepts() {
        AdImageTrainingJob cr = Samples.trainingJob("team-a", "sd");
        cr.getSpec().setRender(diffusion());
        PipelineConfig config = PipelineConfigLoader.parse(PipelineConfigRenderer.render(cr), "rendered pipeline.yaml");
        assertTrue(config.render().diffusion());
        assertEquals("s3://caig/renderers/sd15-canny", config.render().model());
        assertEquals(40, config.render().steps());
        assertEquals("euler-ancestral", config.render().sampler());
        assertEquals(512, config.render().size());
    }

    @Test
    void aDiffusionGeneratorAsksForAGpuAndPassesItsRenderSettingsToServe() {
        AdImageGenerator gen = Samples.generator("team-a", "beauty", "quickstart");
        gen.getSpec().setRender(diffusion());
        ResolvedModel model = new ResolvedModel("s3://caig/runs/q/pcpo", "s3://caig/runs/q/reward", "sha256:0", Samples.store());
        Container c = GeneratorResources.deployment(gen, model, TestOperator.SETTINGS).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertEquals(new Quantity("1"), c.getResources().getLimits().get(GPU));
        assertEquals(GeneratorImageTest.CUDA_IMAGE, c.getImage());
        List<String> args = c.getArgs();
        int i = args.indexOf("--render-settings");
        assertTrue(i > 0, args.toString());
        PipelineConfig.Render served = PipelineConfigLoader.withRenderSettings(new PipelineConfig.Render(null, null),
                args.get(i + 1), "--render-settings");
        assertTrue(served.diffusion());
        assertEquals("s3://caig/renderers/sd15-canny", served.model());
        assertEquals(40, served.steps());
        assertEquals("512", args.get(args.indexOf("--render-size") + 1), "spec.render.size is the served ads' size");

        gen.getSpec().setRender(null);
        Container plain = GeneratorResources.deployment(gen, model, TestOperator.SETTINGS).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertNull(plain.getResources().getLimits() == null ? null : plain.getResources().getLimits().get(GPU));
        assertTrue(!plain.getArgs().contains("--render-settings"));
    }

    @Test
    void aGeneratorWithoutSpecRenderServingADiffusionTrainedPolicyAsksForAGpu() throws Exception {
        AdImageTrainingJob trained = Samples.trainingJob("team-a", "quickstart");
        trained.getSpec().setRender(diffusion());
        AdImageTrainingJobStatus status = new AdImageTrainingJobStatus();
        status.setPhase(TrainingPhase.Succeeded);
        status.setModelUri("s3://caig/runs/q/pcpo/");
        status.setRewardUri("s3://caig/runs/q/reward/");
        status.setModelDigest("sha256:0");
        trained.setStatus(status);
        AdImageGenerator gen = Samples.generator("team-a", "beauty", "quickstart");
        gen.getSpec().setRender(null);

        ResolvedModel model = new ModelResolver(null).resolve(gen, Optional.of(trained)).model().orElseThrow();
        Container c = GeneratorResources.deployment(gen, model, TestOperator.SETTINGS).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertEquals(new Quantity("1"), c.getResources().getLimits().get(GPU), "serve keeps the policy's renderer");
        assertEquals(GeneratorImageTest.CUDA_IMAGE, c.getImage());

        RenderSpec procedural = new RenderSpec();
        procedural.setBackend("procedural");
        gen.getSpec().setRender(procedural);
        Container cpu = GeneratorResources.deployment(gen, model, TestOperator.SETTINGS).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertNull(cpu.getResources().getLimits() == null ? null : cpu.getResources().getLimits().get(GPU),
                "spec.render.backend procedural overrides the policy's renderer");
    }

    @Test
    void aModelGivenByUriIsKnownToBeDiffusionTrainedFromItsManifest() throws Exception {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        store.put("s3://caig/m/policy/manifest.json",
                "{\"kind\":\"prompt-model\",\"producer\":\"pcpo\",\"config\":{\"renderer\":{\"backend\":\"diffusion\"}}}");
        store.put("s3://caig/m/reward/manifest.json", "{\"kind\":\"reward-model\",\"producer\":\"reward\"}");
        ModelSourceSpec source = new ModelSourceSpec();
        source.setPolicyUri("s3://caig/m/policy");
        source.setRewardUri("s3://caig/m/reward");
        ResolvedModel model = new ModelResolver(new ArtifactReader(store))
                .resolve("team-a", source, Samples.store(), Optional.empty()).model().orElseThrow();
        assertTrue(model.trainedWithDiffusion());
        assertTrue(model.rendersWithDiffusion(null));

        store.put("s3://caig/m/policy/manifest.json", "{\"kind\":\"prompt-model\",\"producer\":\"pcpo\"}");
        assertTrue(!new ModelResolver(new ArtifactReader(store)).resolve("team-a", source, Samples.store(), Optional.empty())
                .model().orElseThrow().trainedWithDiffusion(), "no renderer recorded: procedural");
    }

    private static Container container(AdImageTrainingJob cr, PipelinePlan plan, Stage stage) {
        return StageJobFactory.desired(cr, plan, plan.find(stage).orElseThrow(), TestOperator.SETTINGS)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}

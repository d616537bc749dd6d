package dev.caig.operator.unit;

import dev.caig.operator.batch.BatchJobFactory;
import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageBatchSpec;
import dev.caig.operator.crd.v1alpha1.ModelSourceSpec;
import dev.caig.operator.crd.v1alpha1.RenderSpec;
import dev.caig.operator.crd.v1alpha1.StageResources;
import dev.caig.operator.generator.ResolvedModel;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.TestOperator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Jobs of an AdImageBatch: an Indexed Job whose pods pick their shard by completion index, then the merge. */
class BatchJobFactoryTest {
    static final ResolvedModel MODEL = new ResolvedModel("s3://caig/runs/a/pcpo/", "s3://caig/runs/a/reward/", "sha256:ab",
            Samples.store());

    static AdImageBatch batch() {
        AdImageBatch batch = new AdImageBatch();
        batch.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("nightly").withUid("u-1").build());
        AdImageBatchSpec spec = new AdImageBatchSpec();
        spec.setBusinessUnit("beauty");
        ModelSourceSpec model = new ModelSourceSpec();
        model.setTrainingJobRef("a");
        spec.setModel(model);
        spec.setCatalogUri("s3://shop/catalog.json");
        spec.setShards(4);
        spec.setParallelism(2);
        spec.setOutputUri("s3://shop/ads/nightly/");
        batch.setSpec(spec);
        return batch;
    }

    @Test
    void generationIsAnIndexedJobWhosePodsPickTheirShardByCompletionIndex() {
        Job job = BatchJobFactory.generate(batch(), MODEL, TestOperator.SETTINGS);

        assertEquals("nightly-generate", job.getMetadata().getName());
        assertEquals("Indexed", job.getSpec().getCompletionMode());
        assertEquals(4, job.getSpec().getCompletions());
        assertEquals(2, job.getSpec().getParallelism());
        assertEquals(2, job.getSpec().getBackoffLimitPerIndex(), "per-shard retries default to 2");
        assertEquals(12, job.getSpec().getBackoffLimit(), "without per-index retries: all shards' retries together");
        assertEquals(false, job.getSpec().getSuspend());
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> args = c.getArgs();
        assertEquals(List.of("generate", "--policy", "s3://caig/runs/a/pcpo/", "--reward", "s3://caig/runs/a/reward/",
                "--catalog", "s3://shop/catalog.json", "--candidates", "4", "--seed", "0", "--size", "256",
                "--shard", "$(JOB_COMPLETION_INDEX)/4", "--out", "s3://shop/ads/nightly/shards/$(JOB_COMPLETION_INDEX)"), args);
        EnvVar index = c.getEnv().stream().filter(e -> e.getName().equals("JOB_COMPLETION_INDEX")).findFirst().orElseThrow();
        assertEquals("metadata.annotations['batch.kubernetes.io/job-completion-index']",
                index.getValueFrom().getFieldRef().getFieldPath(), "defined in the container's env, so $(...) expands");
        assertEquals("example.org/caig-runtime:test", c.getImage());
        assertEquals("nightly", job.getMetadata().getOwnerReferences().get(0).getName());
        assertEquals("beauty", job.getMetadata().getLabels().get("caig.dev/business-unit"));
    }

    @Test
    void aBatchThatRendersWithDiffusionPassesItsRenderSettingsAndGetsAGpu() {
        AdImageBatch batch = batch();
        RenderSpec render = new RenderSpec();
        render.setModel("s3://caig/renderers/sd15-canny");
        render.setSteps(30);
        batch.getSpec().setRender(render);

        Container c = BatchJobFactory.generate(batch, MODEL, TestOperator.SETTINGS).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        int at = c.getArgs().indexOf("--render-settings");
        assertTrue(at > 0, "the shards render with the batch's renderer: " + c.getArgs());
        assertTrue(c.getArgs().get(at + 1).contains("\"model\":\"s3://caig/renderers/sd15-canny\""), c.getArgs().get(at + 1));
        assertEquals("1", c.getResources().getLimits().get("nvidia.com/gpu").getAmount(), "diffusion asks for a GPU");
        assertEquals("example.org/caig-runtime:test-cuda", c.getImage());

        Container merge = BatchJobFactory.merge(batch, MODEL, TestOperator.SETTINGS).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertTrue(merge.getResources().getLimits() == null
                || !merge.getResources().getLimits().containsKey("nvidia.com/gpu"), "the merge renders nothing");
    }

    @Test
    void aGpuBatchRunsTheCudaImageAndAQueuedOneStartsSuspendedForKueue() {
        AdImageBatch batch = batch();
        StageResources gpu = new StageResources();
        gpu.setGpu(1);
        batch.getSpec().setResources(gpu);
        batch.getSpec().setQueueName("gpu-queue");
        Job job = BatchJobFactory.generate(batch, MODEL, TestOperator.SETTINGS);
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("example.org/caig-runtime:test-cuda", c.getImage());
        assertEquals("1", c.getResources().getLimits().get("nvidia.com/gpu").getAmount());
        assertEquals("gpu-queue", job.getMetadata().getLabels().get("kueue.x-k8s.io/queue-name"));
        assertEquals(true, job.getSpec().getSuspend(), "Kueue admits it by unsuspending it");

        Job merge = BatchJobFactory.merge(batch, MODEL, TestOperator.SETTINGS);
        Container m = merge.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("example.org/caig-runtime:test", m.getImage(), "the merge needs no GPU");
        assertTrue(m.getResources().getLimits() == null || !m.getResources().getLimits().containsKey("nvidia.com/gpu"));
    }

    @Test
    void theMergeReadsEveryShardAndWritesToTheOutputPrefix() {
        Job merge = BatchJobFactory.merge(batch(), MODEL, TestOperator.SETTINGS);
        assertEquals("nightly-merge", merge.getMetadata().getName());
        assertNull(merge.getSpec().getCompletionMode());
        List<String> args = merge.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertEquals(List.of("generate", "merge", "--out", "s3://shop/ads/nightly", "--from",
                "s3://shop/ads/nightly/shards/0", "s3://shop/ads/nightly/shards/1", "s3://shop/ads/nightly/shards/2",
                "s3://shop/ads/nightly/shards/3"), args);
        assertTrue(merge.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .anyMatch(e -> e.getName().equals("CAIG_S3_ACCESS_KEY") && e.getValueFrom().getSecretKeyRef() != null));
    }

    @Test
    void batchJobsFailAtOnceOnBadInputAndAreRemovedOnceFinished() {
        for (Job job : List.of(BatchJobFactory.generate(batch(), MODEL, TestOperator.SETTINGS),
                BatchJobFactory.merge(batch(), MODEL, TestOperator.SETTINGS))) {
            var rules = job.getSpec().getPodFailurePolicy().getRules();
            assertEquals("Ignore", rules.get(0).getAction(), "an evicted pod spends no retry");
            assertEquals("FailJob", rules.get(1).getAction());
            assertEquals(List.of(picocli.CommandLine.ExitCode.USAGE, dev.caig.runtime.cli.CaigCommand.EXIT_INVALID_INPUT),
                    rules.get(1).getOnExitCodes().getValues(), job.getMetadata().getName());
            assertEquals(86400, job.getSpec().getTtlSecondsAfterFinished(), "the batch's status keeps the counts");
        }
    }
}

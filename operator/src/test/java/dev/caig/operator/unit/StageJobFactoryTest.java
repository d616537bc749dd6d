package dev.caig.operator.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.PretrainSpec;
import dev.caig.operator.crd.v1alpha1.StageResources;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.TestOperator;
import dev.caig.operator.trainingjob.PipelinePlan;
import dev.caig.operator.trainingjob.PipelinePlanner;
import dev.caig.operator.trainingjob.Stage;
import dev.caig.operator.trainingjob.StageJobFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** The stage Job honours the runtime contract: args, config mount, store env, security, resources, scheduling. */
class StageJobFactoryTest {
    static final String CPU_IMAGE = "example.org/caig-runtime:test";
    static final String CUDA_IMAGE = "example.org/caig-runtime:test-cuda";
    // Arrange (shared): the sample training job with GPU pcpo, node selector, tolerations, priority class
    final AdImageTrainingJob cr = withUid(Samples.trainingJob("team-a", "quickstart"));
    final PipelinePlan plan = PipelinePlanner.plan(cr);

    @Test
    void containerRunsTheStageWithTheContractArguments() {
        Container c = container(job(Stage.PCPO));
        assertEquals(List.of("pipeline", "--config", "/etc/caig/pipeline.yaml", "--out", "s3://caig/runs/quickstart",
                "--stage", "pcpo"), c.getArgs());
        assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/etc/caig") && m.getReadOnly()));
        PodSpec pod = job(Stage.PCPO).getSpec().getTemplate().getSpec();
        assertEquals("quickstart-config", pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst()
                .orElseThrow().getConfigMap().getName());
    }

    @Test
    void storeCredentialsComeOnlyFromTheSecret() {
        Map<String, EnvVar> env = container(job(Stage.PRETRAIN)).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertEquals("http://minio.minio:9000", env.get("CAIG_S3_ENDPOINT").getValue());
        assertEquals("us-east-1", env.get("CAIG_S3_REGION").getValue());
        assertNull(env.get("CAIG_S3_ACCESS_KEY").getValue());
        assertEquals("caig-store", env.get("CAIG_S3_ACCESS_KEY").getValueFrom().getSecretKeyRef().getName());
        assertEquals("accessKey", env.get("CAIG_S3_ACCESS_KEY").getValueFrom().getSecretKeyRef().getKey());
        assertEquals("secretKey", env.get("CAIG_S3_SECRET_KEY").getValueFrom().getSecretKeyRef().getKey());
        assertEquals("/var/lib/caig", env.get("CAIG_WORK_DIR").getValue());
        assertEquals("/var/lib/caig", env.get("HOME").getValue());
        assertEquals("/var/lib/caig/djl", env.get("DJL_CACHE_DIR").getValue());
    }

    @Test
    void podRunsNonRootWithReadOnlyRootAndNoCapabilities() {
        Job job = job(Stage.REWARD);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container c = container(job);
        assertEquals(1000L, pod.getSecurityContext().getRunAsUser());
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertFalse(pod.getAutomountServiceAccountToken());
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals("work") && v.getEmptyDir() != null));
        assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/var/lib/caig")));
        assertEquals("Never", pod.getRestartPolicy());
    }

    @Test
    void gpuStageGetsGpuLimitsAndOthersInheritDefaults() {
        Container pcpo = container(job(Stage.PCPO));
        assertEquals(new Quantity("1"), pcpo.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals(new Quantity("1"), pcpo.getResources().getRequests().get("nvidia.com/gpu"));
        assertEquals(new Quantity("8Gi"), pcpo.getResources().getLimits().get("memory"));
        assertEquals(new Quantity("2"), pcpo.getResources().getLimits().get("cpu"), "cpu falls back to spec.resources");
        Container dpo = container(job(Stage.DPO));
        assertEquals(new Quantity("1"), dpo.getResources().getLimits().get("nvidia.com/gpu"), "dpo trains like pcpo");
        Container market = container(job(Stage.MARKET));
        assertNull(market.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals(new Quantity("4Gi"), market.getResources().getRequests().get("memory"));
    }

    @Test
    void gpuStagesRunTheCudaImageAndCpuStagesOfTheSameJobTheCpuImage() {
        // the sample gives a GPU to pcpo only (dpo trains like pcpo)
        assertEquals(CUDA_IMAGE, container(job(Stage.PCPO)).getImage());
        assertEquals(CUDA_IMAGE, container(job(Stage.DPO)).getImage());
        for (Stage stage : List.of(Stage.MARKET, Stage.PRETRAIN, Stage.REWARD, Stage.EVALUATE)) {
            assertEquals(CPU_IMAGE, container(job(stage)).getImage(), stage.id());
        }
    }

    @Test
    void aJobWideGpuGivesTheCudaImageToEveryStageThatKeepsIt() {
        cr.getSpec().getResources().setGpu(1);
        PretrainSpec pretrain = new PretrainSpec();
        StageResources none = new StageResources();
        none.setGpu(0);
        pretrain.setResources(none);
        cr.getSpec().setPretrain(pretrain);
        assertEquals(CUDA_IMAGE, container(job(Stage.MARKET)).getImage(), "market inherits spec.resources.gpu");
        assertEquals(CUDA_IMAGE, container(job(Stage.EVALUATE)).getImage());
        Container cpuOnly = container(job(Stage.PRETRAIN));
        assertNull(cpuOnly.getResources().getLimits().get("nvidia.com/gpu"), "gpu: 0 of its own wins");
        assertEquals(CPU_IMAGE, cpuOnly.getImage());
    }

    @Test
    void anExplicitImageWinsForGpuAndCpuStages() {
        cr.getSpec().setImage("registry.example.com/caig/runtime:custom");
        assertEquals("registry.example.com/caig/runtime:custom", container(job(Stage.PCPO)).getImage());
        assertEquals("registry.example.com/caig/runtime:custom", container(job(Stage.MARKET)).getImage());
    }

    @Test
    void schedulingRetriesDeadlineAndOwnershipAreSet() {
        Job job = job(Stage.PRETRAIN);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals(Map.of("caig.dev/pool", "training"), pod.getNodeSelector());
        assertEquals("nvidia.com/gpu", pod.getTolerations().get(0).getKey());
        assertEquals("caig-training", pod.getPriorityClassName());
        assertEquals(2, job.getSpec().getBackoffLimit());
        var rule = job.getSpec().getPodFailurePolicy().getRules().get(0);
        assertEquals("Ignore", rule.getAction());
        assertEquals("DisruptionTarget", rule.getOnPodConditions().get(0).getType());
        assertEquals(7200L, job.getSpec().getActiveDeadlineSeconds());
        assertFalse(job.getSpec().getSuspend());
        assertEquals("quickstart-pretrain", job.getMetadata().getName());
        assertEquals("pretrain", job.getMetadata().getLabels().get(ResourceNames.STAGE_LABEL));
        assertEquals("uid-1", job.getMetadata().getOwnerReferences().get(0).getUid());
        assertTrue(job.getMetadata().getOwnerReferences().get(0).getController());
        assertNull(job.getMetadata().getLabels().get(ResourceNames.KUEUE_QUEUE_LABEL));
    }

    @Test
    void badInputFailsTheJobAtOnceAndFinishedJobsExpire() {
        Job job = job(Stage.PCPO);
        var rule = job.getSpec().getPodFailurePolicy().getRules().get(1);
        assertEquals("FailJob", rule.getAction());
        assertEquals("caig", rule.getOnExitCodes().getContainerName());
        assertEquals("In", rule.getOnExitCodes().getOperator());
        // the runtime's own codes, not copies: picocli's usage error and caig's invalid input
        assertEquals(List.of(picocli.CommandLine.ExitCode.USAGE, dev.caig.runtime.cli.CaigCommand.EXIT_INVALID_INPUT),
                rule.getOnExitCodes().getValues());
        assertEquals(86400, job.getSpec().getTtlSecondsAfterFinished(), "TestOperator.SETTINGS keeps finished Jobs a day");
        assertTrue(container(job).getEnv().contains(new EnvVar("CAIG_PRODUCER_UID", "uid-1", null)),
                "manifests name the resource that produced them");
    }

    @Test
    void aReproducibleRunAsksOneMklForItsStrictModeAndOthersLeaveItsDefault() {
        assertTrue(container(job(Stage.REWARD)).getEnv().stream().noneMatch(e -> e.getName().equals("MKL_CBWR")),
                "by default the runtime keeps oneMKL's fastest code path");
        cr.getSpec().setReproducible(true);
        for (Stage stage : List.of(Stage.PRETRAIN, Stage.REWARD, Stage.PCPO, Stage.EVALUATE)) {
            assertTrue(container(job(stage)).getEnv().contains(new EnvVar("MKL_CBWR", "AVX2,STRICT", null)), stage.name());
        }
    }

    @Test
    void everyObjectCarriesTheRecommendedLabels() {
        Job job = job(Stage.REWARD);
        for (Map<String, String> labels : List.of(job.getMetadata().getLabels(),
                job.getSpec().getTemplate().getMetadata().getLabels(),
                dev.caig.operator.trainingjob.ConfigMapFactory.desired(cr).getMetadata().getLabels())) {
            assertEquals("caig-training", labels.get("app.kubernetes.io/name"));
            assertEquals("quickstart", labels.get("app.kubernetes.io/instance"));
            assertEquals("caig", labels.get("app.kubernetes.io/part-of"));
            assertEquals("caig-operator", labels.get("app.kubernetes.io/managed-by"));
            assertNotNull(labels.get("app.kubernetes.io/component"));
        }
        assertEquals("reward", job.getMetadata().getLabels().get("app.kubernetes.io/component"));
    }

    @Test
    void kueueQueueLabelsTheJobAndStartsItSuspended() {
        cr.getSpec().setQueueName("gpu-queue");
        Job job = job(Stage.PCPO);
        assertEquals("gpu-queue", job.getMetadata().getLabels().get(ResourceNames.KUEUE_QUEUE_LABEL));
        assertTrue(job.getSpec().getSuspend());
        assertFalse(job.getMetadata().getAnnotations().containsKey(ResourceNames.SUSPENDED_BY_OPERATOR_ANNOTATION),
                "Kueue, not the operator, will unsuspend it");
    }

    @Test
    void eachStageRunsWhereItsOwnPlacementSaysOnTopOfTheJobWideOne() {
        // Arrange: CPU stages stay in the job-wide pool and do not tolerate the GPU taint; pcpo goes to GPU nodes
        cr.getSpec().setTolerations(null);
        cr.getSpec().getPcpo().setNodeSelector(Map.of("caig.dev/pool", "gpu", "nvidia.com/gpu.product", "A100"));
        Toleration gpuTaint = new TolerationBuilder().withKey("nvidia.com/gpu").withOperator("Exists")
                .withEffect("NoSchedule").build();
        cr.getSpec().getPcpo().setTolerations(List.of(gpuTaint));
        PretrainSpec pretrain = new PretrainSpec();
        pretrain.setTolerations(List.of(new TolerationBuilder().withKey("spot").withOperator("Exists").build()));
        cr.getSpec().setPretrain(pretrain);

        PodSpec pcpo = job(Stage.PCPO).getSpec().getTemplate().getSpec();
        assertEquals(Map.of("caig.dev/pool", "gpu", "nvidia.com/gpu.product", "A100"), pcpo.getNodeSelector(),
                "the stage's value wins for a key set in both");
        assertEquals(List.of(gpuTaint), pcpo.getTolerations());
        PodSpec reward = job(Stage.REWARD).getSpec().getTemplate().getSpec();
        assertEquals(Map.of("caig.dev/pool", "training"), reward.getNodeSelector());
        assertTrue(reward.getTolerations() == null || reward.getTolerations().isEmpty(), "a CPU stage keeps off GPU nodes");
        assertEquals("spot", job(Stage.PRETRAIN).getSpec().getTemplate().getSpec().getTolerations().get(0).getKey());
        assertEquals(Map.of("caig.dev/pool", "training"),
                job(Stage.MARKET).getSpec().getTemplate().getSpec().getNodeSelector());
        // where a stage runs never reaches the runtime's config (nor its hash)
        String pipelineYaml = dev.caig.operator.trainingjob.ConfigMapFactory.desired(cr).getData().values().iterator().next();
        assertFalse(pipelineYaml.contains("nodeSelector") || pipelineYaml.contains("tolerations") || pipelineYaml.contains("A100"),
                pipelineYaml);
    }

    @Test
    void aQueuedJobsPodTemplateIsTheOneBatchJobsGetToo() {
        // one builder for every runtime Job: same failure policy, TTL, security and pod settings
        Job stage = job(Stage.REWARD);
        var batch = BatchJobFactoryTest.batch();
        batch.getSpec().setPriorityClassName(cr.getSpec().getPriorityClassName());
        batch.getSpec().setNodeSelector(cr.getSpec().getNodeSelector());
        batch.getSpec().setTolerations(cr.getSpec().getTolerations());
        batch.getSpec().setServiceAccountName("caig-runner");
        cr.getSpec().setServiceAccountName("caig-runner");
        Job stageAgain = job(Stage.REWARD);
        for (Job b : List.of(dev.caig.operator.batch.BatchJobFactory.generate(batch, BatchJobFactoryTest.MODEL, TestOperator.SETTINGS),
                dev.caig.operator.batch.BatchJobFactory.merge(batch, BatchJobFactoryTest.MODEL, TestOperator.SETTINGS))) {
            assertEquals(stage.getSpec().getPodFailurePolicy(), b.getSpec().getPodFailurePolicy());
            assertEquals(stage.getSpec().getTtlSecondsAfterFinished(), b.getSpec().getTtlSecondsAfterFinished());
            PodSpec s = stageAgain.getSpec().getTemplate().getSpec();
            PodSpec p = b.getSpec().getTemplate().getSpec();
            assertEquals(s.getSecurityContext(), p.getSecurityContext());
            assertEquals(container(stageAgain).getSecurityContext(), container(b).getSecurityContext());
            assertEquals("caig-runner", p.getServiceAccountName());
            assertEquals(false, p.getAutomountServiceAccountToken());
            assertEquals(s.getPriorityClassName(), p.getPriorityClassName());
            assertEquals(s.getNodeSelector(), p.getNodeSelector());
            assertEquals(s.getTolerations(), p.getTolerations());
            assertEquals("Never", p.getRestartPolicy());
        }
    }

    @Test
    void sameInputSameJob() {
        assertEquals(job(Stage.EVALUATE), job(Stage.EVALUATE));
    }

    private Job job(Stage stage) {
        return StageJobFactory.desired(cr, plan, plan.find(stage).orElseThrow(), TestOperator.SETTINGS);
    }

    private static Container container(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static AdImageTrainingJob withUid(AdImageTrainingJob cr) {
        cr.getMetadata().setUid("uid-1");
        return cr;
    }
}

package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.StageState;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.status.Conditions;
import dev.caig.operator.testing.JobStatuses;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.trainingjob.StageJobFactory;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** suspend/resume through Job .spec.suspend, Kueue queueing, and the status saying why a stage waits. */
@EnableKubernetesMockClient(crud = true)
class SuspendAndWaitTest extends MockOperatorTest {

    @Test
    void suspendSuspendsTheRunningJobAndResumeUnsuspendsIt() {
        client.resource(Samples.trainingJob(NS, "pausable")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("pausable-market"));
        JobStatuses.running(client, NS, "pausable-market");

        setSuspend("pausable", true);
        AdImageTrainingJob suspended = awaitPhase("pausable", TrainingPhase.Suspended);
        Job job = client.batch().v1().jobs().inNamespace(NS).withName("pausable-market").get();
        assertTrue(job.getSpec().getSuspend());
        assertTrue(Conditions.isTrue(suspended.getStatus().getConditions(), Conditions.SUSPENDED));
        await().atMost(Duration.ofSeconds(30)).until(() -> StageFailureTest.stage(trainingJob("pausable"), "market")
                .getState() == StageState.Suspended);

        // While suspended, a finished stage starts nothing new
        store.putManifest("s3://caig/runs/pausable/market/", "market", Map.of());
        JobStatuses.succeeded(client, NS, "pausable-market");
        sleep(1500);
        assertEquals(1, jobNames().size());

        setSuspend("pausable", false);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().size() == 3);
        assertEquals(TrainingPhase.Running, awaitPhase("pausable", TrainingPhase.Running).getStatus().getPhase());
        assertTrue(eventReasons().contains("Suspended"));
        await().atMost(Duration.ofSeconds(30)).until(() -> eventReasons().contains("Resumed"));
    }

    @Test
    void queuedJobsStartSuspendedForKueueAndTheWaitIsReported() {
        AdImageTrainingJob cr = Samples.trainingJob(NS, "queued");
        cr.getSpec().setQueueName("gpu-queue");
        client.resource(cr).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("queued-market"));
        Job job = client.batch().v1().jobs().inNamespace(NS).withName("queued-market").get();
        assertEquals("gpu-queue", job.getMetadata().getLabels().get(ResourceNames.KUEUE_QUEUE_LABEL));
        assertTrue(job.getSpec().getSuspend(), "Kueue admits by unsuspending");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var status = trainingJob("queued").getStatus();
            assertEquals(TrainingPhase.Queued, status.getPhase());
            assertEquals("WaitingForQueueAdmission",
                    Conditions.find(status.getConditions(), Conditions.SCHEDULED).get().getReason());
            assertTrue(status.getMessage().contains("gpu-queue"), status.getMessage());
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> eventReasons().contains("Queued"));
        assertTrue(client.v1().events().inNamespace(NS).list().getItems().stream().noneMatch(e -> "Warning".equals(e.getType())),
                "waiting in a queue is normal: no Warning event");
    }

    @Test
    void unschedulablePodIsReportedAsTheReasonForWaiting() {
        client.resource(Samples.trainingJob(NS, "gpu-hungry")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("gpu-hungry-market"));
        JobStatuses.running(client, NS, "gpu-hungry-market");
        client.resource(pendingPod("gpu-hungry", "market")).create();

        String why = "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var status = trainingJob("gpu-hungry").getStatus();
            var scheduled = Conditions.find(status.getConditions(), Conditions.SCHEDULED).get();
            assertEquals("False", scheduled.getStatus());
            assertEquals("Unschedulable", scheduled.getReason());
            assertTrue(scheduled.getMessage().contains(why), scheduled.getMessage());
            assertTrue(status.getMessage().startsWith("stage market waits (Unschedulable)"), status.getMessage());
            assertEquals(StageState.Starting, StageFailureTest.stage(trainingJob("gpu-hungry"), "market").getState());
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> eventReasons().contains("Unschedulable"));
        assertFalse(Conditions.isTrue(trainingJob("gpu-hungry").getStatus().getConditions(), Conditions.READY));
    }

    @Test
    void suspendStopsAKueueJobByDeletingItNeverByFlippingItsSuspendAndResumeQueuesItAgain() {
        AdImageTrainingJob cr = Samples.trainingJob(NS, "kueued");
        cr.getSpec().setQueueName("gpu-queue");
        client.resource(cr).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("kueued-market"));
        KueueStandIn.admit(client, NS, "kueued-market");
        JobStatuses.running(client, NS, "kueued-market");
        awaitPhase("kueued", TrainingPhase.Running);

        setSuspend("kueued", true);
        // Kueue owns .spec.suspend of the Jobs it admitted: the operator deletes the Job (Kueue releases the quota)
        await().atMost(Duration.ofSeconds(20)).until(() -> jobNames().isEmpty());
        awaitPhase("kueued", TrainingPhase.Suspended);
        await().atMost(Duration.ofSeconds(20)).until(() -> StageFailureTest.stage(trainingJob("kueued"), "market")
                .getState() == StageState.Suspended);
        sleep(1500);
        assertTrue(jobNames().isEmpty(), "nothing is made while suspended");

        setSuspend("kueued", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> jobNames().contains("kueued-market"));
        Job again = client.batch().v1().jobs().inNamespace(NS).withName("kueued-market").get();
        assertTrue(again.getSpec().getSuspend(), "made again suspended: it waits in the queue for Kueue");
        assertFalse(again.getMetadata().getAnnotations() != null
                && again.getMetadata().getAnnotations().containsKey(ResourceNames.SUSPENDED_BY_OPERATOR_ANNOTATION));
        awaitPhase("kueued", TrainingPhase.Queued);
    }

    @Test
    void aJobKueueEvictsIsQueuedAgainAndTheOperatorLeavesItsSuspendToKueue() {
        AdImageTrainingJob cr = Samples.trainingJob(NS, "evicted");
        cr.getSpec().setQueueName("gpu-queue");
        client.resource(cr).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("evicted-market"));
        KueueStandIn.admit(client, NS, "evicted-market");
        JobStatuses.running(client, NS, "evicted-market");
        awaitPhase("evicted", TrainingPhase.Running);

        KueueStandIn.evict(client, NS, "evicted-market"); // preempted by a higher-priority workload
        awaitPhase("evicted", TrainingPhase.Queued);
        sleep(1500);
        assertTrue(client.batch().v1().jobs().inNamespace(NS).withName("evicted-market").get().getSpec().getSuspend(),
                "only Kueue unsuspends it, when it admits it again");
    }

    @Test
    void aStageIsRunningOnlyOnceItsPodRunsAndScheduledOnlyOnceThePodIsPlaced() {
        client.resource(Samples.trainingJob(NS, "pulling")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("pulling-market"));
        // The Job controller made a pod (active=1) that the scheduler has not placed yet
        client.batch().v1().jobs().inNamespace(NS).withName("pulling-market").editStatus(j -> {
            j.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withActive(1).withReady(0).build());
            return j;
        });
        client.resource(podWith("pulling", "market", "Pending", null, null)).create();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var scheduled = Conditions.find(trainingJob("pulling").getStatus().getConditions(), Conditions.SCHEDULED).get();
            assertEquals("False", scheduled.getStatus());
            assertEquals("PodNotScheduledYet", scheduled.getReason());
            assertEquals(StageState.Starting, StageFailureTest.stage(trainingJob("pulling"), "market").getState());
        });

        // Placed on a node, pulling its image: scheduled, still not running
        client.resource(podWith("pulling", "market", "Pending", "True", "ContainerCreating")).update();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var status = trainingJob("pulling").getStatus();
            assertEquals("True", Conditions.find(status.getConditions(), Conditions.SCHEDULED).get().getStatus());
            assertEquals(StageState.Starting, StageFailureTest.stage(trainingJob("pulling"), "market").getState());
        });

        client.resource(podWith("pulling", "market", "Running", "True", null)).update();
        await().atMost(Duration.ofSeconds(20)).until(() -> StageFailureTest.stage(trainingJob("pulling"), "market")
                .getState() == StageState.Running);
        assertFalse(eventReasons().contains("Unschedulable"), "a pod waiting a moment for the scheduler is no warning");
    }

    private Pod podWith(String trainingJob, String stage, String phase, String scheduled, String waitingReason) {
        var status = new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase(phase);
        if (scheduled != null) {
            status.addNewCondition().withType("PodScheduled").withStatus(scheduled).endCondition();
        }
        if (waitingReason != null) {
            status.addNewContainerStatus().withName("caig").withNewState().withNewWaiting().withReason(waitingReason)
                    .endWaiting().endState().endContainerStatus();
        }
        return new PodBuilder().withNewMetadata().withName(trainingJob + "-" + stage + "-p0d").withNamespace(NS)
                .withLabels(ResourceNames.stageLabels(trainingJob, stage))
                .withAnnotations(Map.of(StageJobFactory.OWNER_ANNOTATION, trainingJob)).endMetadata()
                .withNewSpec().addNewContainer().withName("caig").withImage("x").endContainer().endSpec()
                .withStatus(status.build()).build();
    }

    private void setSuspend(String name, boolean suspend) {
        // A merge patch without resourceVersion, like `kubectl patch --type merge`: no conflict with status writes
        client.resources(AdImageTrainingJob.class).inNamespace(NS).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":" + suspend + "}}");
    }

    private Pod pendingPod(String trainingJob, String stage) {
        return new PodBuilder().withNewMetadata().withName(trainingJob + "-" + stage + "-x7k2p").withNamespace(NS)
                .withLabels(ResourceNames.stageLabels(trainingJob, stage))
                .withAnnotations(Map.of(StageJobFactory.OWNER_ANNOTATION, trainingJob)).endMetadata()
                .withNewSpec().addNewContainer().withName("caig").withImage("x").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.")
                .endCondition().endStatus().build();
    }
}

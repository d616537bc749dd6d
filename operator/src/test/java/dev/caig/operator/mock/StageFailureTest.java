package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.StageState;
import dev.caig.operator.crd.v1alpha1.StageStatus;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.status.Conditions;
import dev.caig.operator.testing.JobStatuses;
import dev.caig.operator.testing.KubeletStandIn;
import dev.caig.operator.testing.Samples;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** Pod failures are retried up to the limit; past it the stage and the job fail with the Job's reason. */
@EnableKubernetesMockClient(crud = true)
class StageFailureTest extends MockOperatorTest {

    @Test
    void retriedStageThatRecoversSucceeds() {
        // pretrain fails its first attempt, then resumes and succeeds
        try (KubeletStandIn kubelet = new KubeletStandIn(client, NS, (job, attempt) -> {
            String stage = KubeletStandIn.stage(job);
            if (stage.equals("pretrain") && attempt == 1) {
                return false;
            }
            store.putManifest(KubeletStandIn.artifactUri(job), stage, Map.of());
            return true;
        }).start()) {
            client.resource(Samples.trainingJob(NS, "flaky")).create();
            AdImageTrainingJob done = awaitPhase("flaky", TrainingPhase.Succeeded);
            StageStatus pretrain = stage(done, "pretrain");
            assertEquals(2, pretrain.getAttempts());
            assertEquals(1, stage(done, "reward").getAttempts());
        }
    }

    @Test
    void stageFailingPastItsRetryLimitFailsTheJobWithTheReason() {
        client.resource(Samples.trainingJob(NS, "doomed")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("doomed-market"));
        assertEquals(2, client.batch().v1().jobs().inNamespace(NS).withName("doomed-market").get().getSpec().getBackoffLimit());

        JobStatuses.running(client, NS, "doomed-market");
        JobStatuses.failedAttemptRetrying(client, NS, "doomed-market");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            StageStatus market = stage(trainingJob("doomed"), "market");
            assertEquals(2, market.getAttempts());
            assertEquals(StageState.Running, market.getState());
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> eventReasons().contains("StageRetrying"));

        JobStatuses.failedAttemptRetrying(client, NS, "doomed-market");
        JobStatuses.failed(client, NS, "doomed-market", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        AdImageTrainingJob failed = awaitPhase("doomed", TrainingPhase.Failed);

        StageStatus market = stage(failed, "market");
        assertEquals(StageState.Failed, market.getState());
        assertEquals("BackoffLimitExceeded", market.getReason());
        assertEquals(3, market.getAttempts(), "first try + backoffLimit 2 retries");
        assertTrue(failed.getStatus().getMessage().contains("stage market failed (BackoffLimitExceeded)"),
                failed.getStatus().getMessage());
        assertTrue(Conditions.isTrue(failed.getStatus().getConditions(), Conditions.FAILED));
        assertEquals("BackoffLimitExceeded",
                Conditions.find(failed.getStatus().getConditions(), Conditions.FAILED).get().getReason());
        // Nothing downstream starts after a failure
        sleep(1500);
        assertEquals(1, jobNames().size());
        await().atMost(Duration.ofSeconds(30)).until(() -> eventReasons().containsAll(
                java.util.List.of("StageFailed", "TrainingFailed")));
    }

    @Test
    void aStageFailingForGoodStopsItsRunningSiblings() {
        client.resource(Samples.trainingJob(NS, "fastfail")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("fastfail-market"));
        store.putManifest("s3://caig/runs/fastfail/market/", "market", Map.of(), trainingJob("fastfail").getMetadata().getUid());
        JobStatuses.succeeded(client, NS, "fastfail-market");
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().containsAll(java.util.List.of("fastfail-pretrain",
                "fastfail-reward")));
        JobStatuses.running(client, NS, "fastfail-reward");
        await().atMost(Duration.ofSeconds(30)).until(() -> stage(trainingJob("fastfail"), "reward").getState() == StageState.Running);

        JobStatuses.failed(client, NS, "fastfail-pretrain", "PodFailurePolicy", "Container caig exited with 4 (invalid input)");
        awaitPhase("fastfail", TrainingPhase.Failed);
        // reward would run for hours for nothing: its Job is deleted and its status says why
        await().atMost(Duration.ofSeconds(30)).until(() -> !jobNames().contains("fastfail-reward"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            StageStatus reward = stage(trainingJob("fastfail"), "reward");
            assertEquals(StageState.Stopped, reward.getState());
            assertEquals("stopped because stage pretrain failed", reward.getMessage());
        });
        assertEquals(StageState.Failed, stage(trainingJob("fastfail"), "pretrain").getState());
        assertTrue(jobNames().contains("fastfail-pretrain"), "the failed Job stays for its logs");
    }

    @Test
    void zeroExitWithoutManifestIsAFailureNotASuccess() {
        client.resource(Samples.trainingJob(NS, "liar")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("liar-market"));
        JobStatuses.succeeded(client, NS, "liar-market");
        AdImageTrainingJob failed = awaitPhase("liar", TrainingPhase.Failed);
        assertEquals("ManifestMissing", stage(failed, "market").getReason());
        assertEquals(1, jobNames().size());
    }

    static StageStatus stage(AdImageTrainingJob job, String name) {
        return job.getStatus().getStages().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }
}

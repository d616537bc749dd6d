package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.CleanupPolicy;
import dev.caig.operator.crd.v1alpha1.StageState;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.status.Conditions;
import dev.caig.operator.testing.JobStatuses;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.TestOperator;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** Restart without duplicates, invalid specs create nothing, deletion cleans up Jobs and (on request) artifacts. */
@EnableKubernetesMockClient(crud = true)
class LifecycleTest extends MockOperatorTest {

    @Test
    void restartedOperatorCreatesNoDuplicatesAndCarriesOn() {
        client.resource(Samples.trainingJob(NS, "durable")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("durable-market"));
        store.putManifest("s3://caig/runs/durable/market/", "market", Map.of());
        JobStatuses.succeeded(client, NS, "durable-market");
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().size() == 3);
        String uidBefore = client.batch().v1().jobs().inNamespace(NS).withName("durable-pretrain").get().getMetadata().getUid();

        // Stop the operator mid-pipeline; pretrain finishes while it is down
        operator.close();
        store.putManifest("s3://caig/runs/durable/pretrain/", "pretrain", Map.of());
        JobStatuses.succeeded(client, NS, "durable-pretrain");
        operator = TestOperator.start(client, store);

        await().atMost(Duration.ofSeconds(30)).until(() -> StageFailureTest.stage(trainingJob("durable"), "pretrain")
                .getState() == StageState.Succeeded);
        sleep(1500);
        assertEquals(List.of("durable-market", "durable-pretrain", "durable-reward"), jobNames());
        assertEquals(uidBefore, client.batch().v1().jobs().inNamespace(NS).withName("durable-pretrain").get()
                .getMetadata().getUid(), "the existing Job was adopted, not re-created");
        assertEquals(1, client.configMaps().inNamespace(NS).list().getItems().size());

        // ...and it carries on from where the cluster is
        store.putManifest("s3://caig/runs/durable/reward/", "reward", Map.of());
        JobStatuses.succeeded(client, NS, "durable-reward");
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().size() == 5);
    }

    /** The mock server enforces no CEL rule: this is the change a real API server refuses, and what remains if one slips by. */
    @Test
    void theConfigIsPinnedWhenTheRunStartsAndEveryStageRecordsItsHash() {
        client.resource(Samples.trainingJob(NS, "tuned")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("tuned-market"));
        String pinned = client.configMaps().inNamespace(NS).withName("tuned-config").get().getData().get("pipeline.yaml");
        client.resources(AdImageTrainingJob.class).inNamespace(NS).withName("tuned").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"spec\":{\"pcpo\":{\"iterations\":9}}}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AdImageTrainingJob tj = trainingJob("tuned");
            assertEquals(2L, tj.getStatus().getObservedGeneration());
            assertTrue(Conditions.isTrue(tj.getStatus().getConditions(), Conditions.CONFIG_CHANGED));
        });
        store.putManifest("s3://caig/runs/tuned/market/", "market", Map.of(), trainingJob("tuned").getMetadata().getUid());
        JobStatuses.succeeded(client, NS, "tuned-market");
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().size() == 3);

        assertEquals(pinned, client.configMaps().inNamespace(NS).withName("tuned-config").get().getData().get("pipeline.yaml"),
                "later stages run the config the run started with");
        String hash = "sha256:" + dev.caig.operator.naming.ResourceNames.sha256Hex(pinned);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AdImageTrainingJob tj = trainingJob("tuned");
            assertEquals(hash, tj.getStatus().getConfigHash());
            for (String stage : List.of("market", "pretrain", "reward")) {
                assertEquals(hash, StageFailureTest.stage(tj, stage).getConfigHash(), stage);
            }
        });
    }

    @Test
    void aStoreOutageDuringReconcileShowsAsAConditionAndIsRetried() {
        store.putManifest("s3://caig/older2/pretrain/", "pretrain", Map.of("loss", 1.5));
        store.setDown(true);
        try {
            AdImageTrainingJob reuse = Samples.trainingJob(NS, "outage");
            reuse.getSpec().setPretrain(new dev.caig.operator.crd.v1alpha1.PretrainSpec());
            reuse.getSpec().getPretrain().setFromArtifact("s3://caig/older2/pretrain");
            client.resource(reuse).create();
            await().atMost(Duration.ofSeconds(30)).until(() -> trainingJob("outage").getStatus() != null
                    && Conditions.isTrue(trainingJob("outage").getStatus().getConditions(), Conditions.RECONCILE_ERROR));
            assertTrue(Conditions.find(trainingJob("outage").getStatus().getConditions(), Conditions.RECONCILE_ERROR)
                    .orElseThrow().getMessage().contains("store unreachable"));
            assertEquals(List.of(), jobNames());
        } finally {
            store.setDown(false);
        }
        // retried with backoff (2 s, 4 s, ...) until the store answers; then the condition goes
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("outage-market"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Conditions.isTrue(trainingJob("outage").getStatus().getConditions(),
                Conditions.RECONCILE_ERROR));
        assertEquals(1, client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "Error".equals(e.getReason())).count(), "one event for one error, however often it is retried");
    }

    @Test
    void semanticallyInvalidSpecGetsInvalidSpecConditionAndNothingIsCreated() {
        AdImageTrainingJob bad = Samples.trainingJob(NS, "bad");
        bad.getSpec().setNodeSelector(Map.of("caig.dev/pool", "not a valid value!"));
        client.resource(bad).create();

        AdImageTrainingJob seen = awaitPhase("bad", TrainingPhase.Invalid);
        assertTrue(Conditions.isTrue(seen.getStatus().getConditions(), Conditions.INVALID_SPEC));
        assertTrue(seen.getStatus().getMessage().contains("spec.nodeSelector['caig.dev/pool']"), seen.getStatus().getMessage());
        sleep(1000);
        assertEquals(List.of(), jobNames());
        assertEquals(0, client.configMaps().inNamespace(NS).list().getItems().size());
        await().atMost(Duration.ofSeconds(30)).until(() -> eventReasons().contains("InvalidSpec"));
    }

    @Test
    void aSpecThatTurnsInvalidMidRunKeepsTrackingTheRunningJobs() {
        client.resource(Samples.trainingJob(NS, "drift")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("drift-market"));
        JobStatuses.running(client, NS, "drift-market");
        client.resources(AdImageTrainingJob.class).inNamespace(NS).withName("drift").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"spec\":{\"nodeSelector\":{\"caig.dev/pool\":\"not a valid value!\"}}}");
        awaitPhase("drift", TrainingPhase.Invalid);

        store.putManifest("s3://caig/runs/drift/market/", "market", Map.of("products", 64.0), trainingJob("drift").getMetadata().getUid());
        JobStatuses.succeeded(client, NS, "drift-market");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var market = StageFailureTest.stage(trainingJob("drift"), "market");
            assertEquals(StageState.Succeeded, market.getState(), "the stage status follows its Job, not frozen");
            assertEquals(64.0, market.getMetrics().get("products"), 1e-9);
        });
        assertEquals(TrainingPhase.Invalid, trainingJob("drift").getStatus().getPhase());
        sleep(1000);
        assertEquals(List.of("drift-market"), jobNames(), "nothing new starts while the spec is invalid");
    }

    @Test
    void reusedArtifactWithoutManifestIsInvalid() {
        AdImageTrainingJob reuse = Samples.trainingJob(NS, "reuse");
        reuse.getSpec().setPretrain(new dev.caig.operator.crd.v1alpha1.PretrainSpec());
        reuse.getSpec().getPretrain().setFromArtifact("s3://caig/never-written/pretrain");
        client.resource(reuse).create();
        AdImageTrainingJob seen = awaitPhase("reuse", TrainingPhase.Invalid);
        assertTrue(seen.getStatus().getMessage().contains("spec.pretrain.fromArtifact"), seen.getStatus().getMessage());
        assertEquals(List.of(), jobNames());
    }

    @Test
    void reusedArtifactSkipsItsStage() {
        store.putManifest("s3://caig/older/pretrain/", "pretrain", Map.of("loss", 1.5));
        AdImageTrainingJob reuse = Samples.trainingJob(NS, "reuse2");
        reuse.getSpec().setPretrain(new dev.caig.operator.crd.v1alpha1.PretrainSpec());
        reuse.getSpec().getPretrain().setFromArtifact("s3://caig/older/pretrain");
        client.resource(reuse).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("reuse2-market"));
        store.putManifest("s3://caig/runs/reuse2/market/", "market", Map.of());
        JobStatuses.succeeded(client, NS, "reuse2-market");
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("reuse2-reward"));
        sleep(1000);
        assertFalse(jobNames().contains("reuse2-pretrain"));
        var pretrain = StageFailureTest.stage(trainingJob("reuse2"), "pretrain");
        assertEquals(StageState.Skipped, pretrain.getState());
        assertEquals("s3://caig/older/pretrain/", pretrain.getArtifactUri());
        assertEquals(1.5, pretrain.getMetrics().get("loss"), 1e-9);
        assertNull(pretrain.getJobName());
    }

    @Test
    void deletionRemovesJobsConfigAndWithDeletePolicyTheArtifacts() {
        AdImageTrainingJob cr = Samples.trainingJob(NS, "temp");
        cr.getSpec().getArtifacts().setCleanupPolicy(CleanupPolicy.Delete);
        client.resource(cr).create();
        AdImageTrainingJob kept = Samples.trainingJob(NS, "kept");
        client.resource(kept).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().containsAll(List.of("temp-market", "kept-market")));
        store.putManifest("s3://caig/runs/temp/market/", "market", Map.of(), trainingJob("temp").getMetadata().getUid());
        store.putManifest("s3://caig/runs/kept/market/", "market", Map.of(), trainingJob("kept").getMetadata().getUid());
        await().atMost(Duration.ofSeconds(30)).until(() -> trainingJob("temp").getMetadata().getFinalizers().size() == 1);

        client.resources(AdImageTrainingJob.class).inNamespace(NS).withName("temp").delete();
        client.resources(AdImageTrainingJob.class).inNamespace(NS).withName("kept").delete();

        await().atMost(Duration.ofSeconds(30)).until(() -> trainingJob("temp") == null && trainingJob("kept") == null);
        assertEquals(List.of(), jobNames());
        assertEquals(0, client.configMaps().inNamespace(NS).list().getItems().size());
        assertEquals(0, store.countUnder("s3://caig/runs/temp/"), "Delete policy removes the prefix");
        assertEquals(2, store.countUnder("s3://caig/runs/kept/"), "Retain policy keeps the artifacts");
    }

    /** The attack of issue 15: point a Delete-policy resource at another resource's prefix, then delete it. */
    @Test
    void deletionRemovesOnlyArtifactsThisResourceProduced() {
        AdImageTrainingJob victim = Samples.trainingJob(NS, "victim");
        client.resource(victim).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("victim-market"));
        String victimUid = trainingJob("victim").getMetadata().getUid();
        store.putManifest("s3://caig/runs/victim/market/", "market", Map.of(), victimUid);
        store.putManifest("s3://caig/runs/victim/pretrain/", "pretrain", Map.of(), null); // written outside the operator

        AdImageTrainingJob thief = Samples.trainingJob(NS, "thief");
        thief.getSpec().getArtifacts().setPrefix("runs/victim");
        thief.getSpec().getArtifacts().setCleanupPolicy(CleanupPolicy.Delete);
        client.resource(thief).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("thief-market"));
        JobStatuses.succeeded(client, NS, "thief-market"); // the runtime skipped the stage: its manifest existed

        // The run does not pass off the victim's artifact as its own...
        await().atMost(Duration.ofSeconds(30)).until(() -> StageFailureTest.stage(trainingJob("thief"), "market")
                .getState() == StageState.Failed);
        var market = StageFailureTest.stage(trainingJob("thief"), "market");
        assertEquals("ArtifactOfAnotherResource", market.getReason());
        assertTrue(market.getMessage().contains(victimUid), market.getMessage());

        // ...and deleting it deletes none of them.
        client.resources(AdImageTrainingJob.class).inNamespace(NS).withName("thief").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> trainingJob("thief") == null);
        assertEquals(4, store.countUnder("s3://caig/runs/victim/"), "the other resource's artifacts are all kept");
        assertTrue(client.v1().events().inNamespace(NS).list().getItems().stream().anyMatch(e -> "ArtifactsKept"
                .equals(e.getReason()) && e.getMessage().contains("resource UID " + victimUid)), "kept, with the reason");
    }

    @Test
    void failedArtifactCleanupKeepsTheFinalizerUntilTheStoreIsBack() {
        AdImageTrainingJob cr = Samples.trainingJob(NS, "sticky");
        cr.getSpec().getArtifacts().setCleanupPolicy(CleanupPolicy.Delete);
        client.resource(cr).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("sticky-market"));
        store.putManifest("s3://caig/runs/sticky/market/", "market", Map.of(), trainingJob("sticky").getMetadata().getUid());
        store.setDown(true);
        client.resources(AdImageTrainingJob.class).inNamespace(NS).withName("sticky").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> eventReasons().contains("CleanupFailed"));
        assertTrue(trainingJob("sticky") != null, "finalizer holds while artifacts cannot be deleted");
        store.setDown(false);
        await().atMost(Duration.ofSeconds(45)).until(() -> trainingJob("sticky") == null);
        assertEquals(0, store.countUnder("s3://caig/runs/sticky/"));
    }
}

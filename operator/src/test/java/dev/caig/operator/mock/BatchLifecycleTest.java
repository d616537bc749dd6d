package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageBatchStatus;
import dev.caig.operator.crd.v1alpha1.BatchPhase;
import dev.caig.operator.crd.v1alpha1.ModelSourceSpec;
import dev.caig.operator.testing.JobStatuses;
import dev.caig.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/**
 * An AdImageBatch's Jobs in the reconcile loop: removed after they finish (ttlSecondsAfterFinished; the mock server
 * runs no TTL controller, so the test deletes them as it would), and stopped the Kueue way when suspended.
 */
@EnableKubernetesMockClient(crud = true)
class BatchLifecycleTest extends MockOperatorTest {

    @Test
    void aFinishedBatchWhoseJobsAreRemovedKeepsItsCountsAndRunsNothingAgain() {
        client.resource(batch("nightly", null)).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("nightly-generate"));
        for (int i = 0; i < 3; i++) {
            JobStatuses.indexSucceeded(client, NS, "nightly-generate", i);
        }
        JobStatuses.indexedFinished(client, NS, "nightly-generate");
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("nightly-merge"));
        JobStatuses.succeeded(client, NS, "nightly-merge");
        AdImageBatchStatus done = awaitBatchPhase("nightly", BatchPhase.Succeeded);
        assertEquals(3, done.getShardsSucceeded());

        // the TTL controller removes both finished Jobs
        client.batch().v1().jobs().inNamespace(NS).withName("nightly-generate").delete();
        client.batch().v1().jobs().inNamespace(NS).withName("nightly-merge").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> jobNames().isEmpty());
        sleep(2000); // the deletions reach the operator as events of its Job informer
        assertEquals(java.util.List.of(), jobNames(), "a finished batch is not generated again");
        AdImageBatchStatus kept = batch("nightly").getStatus();
        assertEquals(BatchPhase.Succeeded, kept.getPhase());
        assertEquals(3, kept.getShardsSucceeded());
        assertEquals(done.getManifestUri(), kept.getManifestUri());
    }

    @Test
    void theGenerationJobRemovedWhileMergingIsNotMadeAgain() {
        client.resource(batch("ttl-mid", null)).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("ttl-mid-generate"));
        for (int i = 0; i < 3; i++) {
            JobStatuses.indexSucceeded(client, NS, "ttl-mid-generate", i);
        }
        JobStatuses.indexedFinished(client, NS, "ttl-mid-generate");
        awaitBatchPhase("ttl-mid", BatchPhase.Merging);
        client.batch().v1().jobs().inNamespace(NS).withName("ttl-mid-generate").delete();
        sleep(1500);
        assertEquals(java.util.List.of("ttl-mid-merge"), jobNames());
        JobStatuses.succeeded(client, NS, "ttl-mid-merge");
        assertEquals(3, awaitBatchPhase("ttl-mid", BatchPhase.Succeeded).getShardsSucceeded());
    }

    @Test
    void suspendingAQueuedBatchDeletesItsKueueJobAndResumeQueuesItAgain() {
        client.resource(batch("queued", "batch-queue")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("queued-generate"));
        KueueStandIn.admit(client, NS, "queued-generate");
        JobStatuses.running(client, NS, "queued-generate");

        client.resources(AdImageBatch.class).inNamespace(NS).withName("queued")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":true}}");
        await().atMost(Duration.ofSeconds(20)).until(() -> jobNames().isEmpty());
        assertEquals(BatchPhase.Suspended, awaitBatchPhase("queued", BatchPhase.Suspended).getPhase());
        sleep(1500);
        assertTrue(jobNames().isEmpty(), "no Job is made while suspended");

        client.resources(AdImageBatch.class).inNamespace(NS).withName("queued")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":false}}");
        await().atMost(Duration.ofSeconds(20)).until(() -> jobNames().contains("queued-generate"));
        Job again = client.batch().v1().jobs().inNamespace(NS).withName("queued-generate").get();
        assertTrue(again.getSpec().getSuspend(), "back in the queue: Kueue unsuspends it when it admits it");
        assertFalse(again.getMetadata().getAnnotations() != null
                && again.getMetadata().getAnnotations().containsKey("caig.dev/suspended-by-operator"));
    }

    private AdImageBatch batch(String name, String queue) {
        store.putManifest("s3://caig/models/" + name + "/pcpo/", "pcpo", Map.of());
        store.putManifest("s3://caig/models/" + name + "/reward/", "reward", Map.of());
        ModelSourceSpec model = new ModelSourceSpec();
        model.setPolicyUri("s3://caig/models/" + name + "/pcpo/");
        model.setRewardUri("s3://caig/models/" + name + "/reward/");
        AdImageBatch batch = Samples.batch(NS, name, model);
        batch.getSpec().setQueueName(queue);
        return batch;
    }

    private AdImageBatch batch(String name) {
        return client.resources(AdImageBatch.class).inNamespace(NS).withName(name).get();
    }

    private AdImageBatchStatus awaitBatchPhase(String name, BatchPhase phase) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            AdImageBatch b = batch(name);
            return b != null && b.getStatus() != null && b.getStatus().getPhase() == phase;
        });
        return batch(name).getStatus();
    }
}

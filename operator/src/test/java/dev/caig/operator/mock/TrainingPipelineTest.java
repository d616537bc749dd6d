package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.StageState;
import dev.caig.operator.crd.v1alpha1.StageStatus;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.status.Conditions;
import dev.caig.operator.testing.InMemoryArtifactStore;
import dev.caig.operator.testing.JobStatuses;
import dev.caig.operator.testing.KubeletStandIn;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.TestOperator;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** A training job runs its DAG in order against the mock API server, driven by the kubelet stand-in. */
@EnableKubernetesMockClient(crud = true)
class TrainingPipelineTest extends MockOperatorTest {

    @Test
    void runsStagesInDagOrderAndReportsMetricsAndModel() {
        // Arrange: the stand-in runs every unsuspended Job and reports progress for pcpo
        try (KubeletStandIn kubelet = new KubeletStandIn(client, NS, (job, attempt) -> {
            String stage = KubeletStandIn.stage(job);
            store.putManifest(KubeletStandIn.artifactUri(job), stage, Map.of("loss", 0.25, "accuracy", 0.58));
            return true;
        }).start()) {
            // Act
            client.resource(Samples.trainingJob(NS, "quickstart")).create();

            // Assert: succeeded with all six stages, market first, evaluate last
            AdImageTrainingJob done = awaitPhase("quickstart", TrainingPhase.Succeeded);
            List<String> order = kubelet.runOrder();
            assertEquals("quickstart-market", order.get(0));
            assertEquals(Set6.of(order.subList(1, 3)), Set6.of(List.of("quickstart-pretrain", "quickstart-reward")));
            assertEquals(Set6.of(order.subList(3, 5)), Set6.of(List.of("quickstart-pcpo", "quickstart-dpo")));
            assertEquals("quickstart-evaluate", order.get(5));
            assertEquals(6, order.size());

            List<StageStatus> stages = done.getStatus().getStages();
            assertEquals(List.of("market", "pretrain", "reward", "pcpo", "dpo", "evaluate"),
                    stages.stream().map(StageStatus::getName).toList());
            stages.forEach(s -> {
                assertEquals(StageState.Succeeded, s.getState(), s.getName());
                assertEquals(1, s.getAttempts(), s.getName());
                assertEquals(0.58, s.getMetrics().get("accuracy"), 1e-9);
                assertTrue(s.getDigest().startsWith("sha256:"), s.getDigest());
                assertNotNull(s.getStartTime());
                assertNotNull(s.getCompletionTime());
            });
            assertEquals("s3://caig/runs/quickstart/pcpo/", done.getStatus().getModelUri());
            assertEquals("s3://caig/runs/quickstart/reward/", done.getStatus().getRewardUri());
            assertEquals(stages.get(3).getDigest(), done.getStatus().getModelDigest());
            assertEquals("6/6 stages", done.getStatus().getProgress().getSummary());
            assertEquals(1L, done.getStatus().getObservedGeneration());
            assertTrue(Conditions.isTrue(done.getStatus().getConditions(), Conditions.READY));
            assertTrue(client.configMaps().inNamespace(NS).withName("quickstart-config").get().getData()
                    .get("pipeline.yaml").contains("products: 40"));

            // Events on transitions
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, Long> reasons = client.v1().events().inNamespace(NS).list().getItems().stream()
                        .collect(Collectors.groupingBy(Event::getReason, Collectors.counting()));
                assertEquals(6L, reasons.get("StageStarted"));
                assertEquals(6L, reasons.get("StageSucceeded"));
                assertEquals(1L, reasons.get("TrainingSucceeded"));
            });
        }
    }

    @Test
    void noStageStartsBeforeItsDependenciesSucceeded() {
        client.resource(Samples.trainingJob(NS, "slow")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().contains("slow-market"));
        // Only market exists while it runs
        JobStatuses.running(client, NS, "slow-market");
        sleep(1500);
        assertEquals(List.of("slow-market"), jobNames());
        assertEquals(TrainingPhase.Running, get("slow").getStatus().getPhase());

        store.putManifest("s3://caig/runs/slow/market/", "market", Map.of());
        JobStatuses.succeeded(client, NS, "slow-market");
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().size() == 3);
        assertEquals(List.of("slow-market", "slow-pretrain", "slow-reward"), jobNames());

        // pcpo and dpo need both pretrain and reward
        store.putManifest("s3://caig/runs/slow/pretrain/", "pretrain", Map.of());
        JobStatuses.succeeded(client, NS, "slow-pretrain");
        sleep(1500);
        assertEquals(3, jobNames().size());
        store.putManifest("s3://caig/runs/slow/reward/", "reward", Map.of());
        JobStatuses.succeeded(client, NS, "slow-reward");
        await().atMost(Duration.ofSeconds(30)).until(() -> jobNames().size() == 5);
        assertTrue(jobNames().containsAll(List.of("slow-pcpo", "slow-dpo")));

        // PCPO progress i/K comes from progress.json
        JobStatuses.running(client, NS, "slow-pcpo");
        store.putProgress("s3://caig/runs/slow/pcpo/", "pcpo", 3, 5, "iteration");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var progress = get("slow").getStatus().getProgress();
            assertEquals(3, progress.getStep());
            assertEquals(5, progress.getTotal());
            assertTrue(progress.getSummary().contains("pcpo iteration 3/5"), progress.getSummary());
        });
    }

    private AdImageTrainingJob get(String name) {
        return client.resources(AdImageTrainingJob.class).inNamespace(NS).withName(name).get();
    }


    /** Order-insensitive comparison of small lists. */
    static final class Set6 {
        static java.util.Set<String> of(List<String> l) {
            return new java.util.TreeSet<>(l);
        }
    }

}

package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.StageState;
import dev.caig.operator.crd.v1alpha1.StageStatus;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.testing.InMemoryArtifactStore;
import dev.caig.operator.testing.JobStatuses;
import dev.caig.operator.testing.ReconcileCounter;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.TestOperator;
import dev.caig.operator.trainingjob.TrainingJobReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/**
 * The ConfigMap and first Job a reconcile creates do not wake the training job again (JOSDK's own-write filtering):
 * one reconcile per new training job instead of two. A later change of those objects by someone else still does.
 */
@EnableKubernetesMockClient(crud = true)
class OwnWritesTest {
    private static final String NS = "own-writes";
    private static final String RECONCILES = TrainingJobReconciler.NAME + " reconcile";
    static KubernetesClient client;

    @Test
    void ownCreatesDoNotReconcileAgainButTheJobControllersStatusDoes() throws Exception {
        TestOperator.installCrds(client);
        // progress is re-read only every 10 minutes: no periodic reconcile within the test
        OperatorSettings settings = new OperatorSettings("example.org/caig-runtime:test", "example.org/caig-runtime:test-cuda",
                "http://minio.minio:9000", "us-east-1", Duration.ofMinutes(10), Duration.ofDays(1));
        ReconcileCounter counter = new ReconcileCounter();
        try (TestOperator operator = TestOperator.startWithMetrics(client, new InMemoryArtifactStore(), settings, 2, counter)) {
            client.resource(Samples.trainingJob(NS, "tj")).create();
            String market = ResourceNames.stageJob("tj", "market");
            await().atMost(Duration.ofSeconds(20)).until(() -> marketState() == StageState.Starting);
            assertEquals(1, client.configMaps().inNamespace(NS).list().getItems().size());

            // the watch events of the ConfigMap and Job it created arrive within milliseconds: none starts a reconcile
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> counter.executions().getOrDefault(RECONCILES, 0L) == 1L);

            // the Job controller's status change (a pod is ready) is not the operator's write: it reconciles
            JobStatuses.running(client, NS, market);
            await().atMost(Duration.ofSeconds(10)).until(() -> marketState() == StageState.Running);
            assertEquals(2L, counter.executions().get(RECONCILES));
        }
    }

    private StageState marketState() {
        AdImageTrainingJob tj = client.resources(AdImageTrainingJob.class).inNamespace(NS).withName("tj").get();
        if (tj == null || tj.getStatus() == null) {
            return null;
        }
        return tj.getStatus().getStages().stream().filter(s -> "market".equals(s.getName())).findFirst()
                .map(StageStatus::getState).orElse(null);
    }
}

package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.ModelSourceSpec;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.testing.InMemoryArtifactStore;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.TestOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The generator and batch controllers share one informer on training jobs (TrainingJobFeed): the generator controller
 * owns it (registered first), the batch controller follows it. Both are still woken by a training job's creation and
 * by a status change nobody else wakes them for: their periodic re-check is set to 10 minutes here.
 */
@EnableKubernetesMockClient(crud = true)
class SharedTrainingJobInformerTest {
    private static final String NS = "shared-informer";
    static KubernetesClient client;
    static KubernetesMockServer server;

    @Test
    void generatorAndBatchAreWokenByTheirTrainingJobThroughOneInformer() throws Exception {
        Awaitility.ignoreExceptionsByDefault();
        TestOperator.installCrds(client);
        OperatorSettings settings = new OperatorSettings("example.org/caig-runtime:test", "example.org/caig-runtime:test-cuda",
                "http://minio.minio:9000", "us-east-1", Duration.ofMinutes(10), Duration.ofDays(1));
        try (TestOperator operator = TestOperator.startWithMetrics(client, new InMemoryArtifactStore(), settings, 2,
                io.javaoperatorsdk.operator.api.monitoring.Metrics.NOOP)) {
            client.resource(Samples.generator(NS, "gen", "shared")).create();
            client.resource(batch("bat", "shared")).create();
            awaitBothSay("AdImageTrainingJob " + NS + "/shared does not exist");

            // Act 1: the training job appears (and its controller writes its first status)
            client.resource(Samples.trainingJob(NS, "shared")).create();
            await().atMost(Duration.ofSeconds(20)).until(() -> trainingJob().getStatus().getPhase() == TrainingPhase.Running);
            awaitBothSay("AdImageTrainingJob " + NS + "/shared is Running");

            // Act 2: a status change alone (no spec change, no Job change): only the shared informer reports it
            client.resources(AdImageTrainingJob.class).inNamespace(NS).withName("shared").editStatus(tj -> {
                tj.getStatus().setPhase(TrainingPhase.Queued);
                tj.getStatus().setMessage("waiting for quota");
                return tj;
            });
            awaitBothSay("AdImageTrainingJob " + NS + "/shared is Queued: waiting for quota");

            // One watch on training jobs for the training job controller, one shared by the other two (was three)
            assertEquals(2, trainingJobWatches());
        }
    }

    private static AdImageTrainingJob trainingJob() {
        return client.resources(AdImageTrainingJob.class).inNamespace(NS).withName("shared").get();
    }

    private static void awaitBothSay(String text) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            AdImageGenerator g = client.resources(AdImageGenerator.class).inNamespace(NS).withName("gen").get();
            AdImageBatch b = client.resources(AdImageBatch.class).inNamespace(NS).withName("bat").get();
            assertEquals(true, g.getStatus().getMessage().contains(text), g.getStatus().getMessage());
            assertEquals(true, b.getStatus().getMessage().contains(text), b.getStatus().getMessage());
        });
    }

    private static long trainingJobWatches() throws InterruptedException {
        List<String> paths = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            paths.add(r.getPath());
        }
        return paths.stream().filter(p -> p.contains("/adimagetrainingjobs?") && p.contains("watch=true")).count();
    }

    private static AdImageBatch batch(String name, String trainingJob) {
        ModelSourceSpec model = new ModelSourceSpec();
        model.setTrainingJobRef(trainingJob);
        return Samples.batch(NS, name, model);
    }
}

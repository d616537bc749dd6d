package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.testing.InMemoryArtifactStore;
import dev.caig.operator.testing.TestOperator;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Shared setup of the reconcile-loop tests: one mock API server and one running operator per test class (starting
 * them is the slow part); every test works in a namespace of its own, so tests do not see each other's objects.
 */
abstract class MockOperatorTest {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    static KubernetesClient client;
    static final InMemoryArtifactStore store = new InMemoryArtifactStore();
    static TestOperator operator;
    String NS;

    @BeforeAll
    static void startOperator() throws Exception {
        // Status fields appear over several reconciles: a null on the way is "not yet", not an error.
        Awaitility.ignoreExceptionsByDefault();
        TestOperator.installCrds(client);
        operator = TestOperator.start(client, store);
    }

    @AfterAll
    static void stopOperator() {
        if (operator != null) {
            operator.close();
        }
    }

    @BeforeEach
    void freshNamespace() {
        NS = "team-" + NAMESPACES.incrementAndGet();
    }

    List<String> jobNames() {
        return client.batch().v1().jobs().inNamespace(NS).list().getItems().stream()
                .map(j -> j.getMetadata().getName()).sorted().toList();
    }

    AdImageTrainingJob trainingJob(String name) {
        return client.resources(AdImageTrainingJob.class).inNamespace(NS).withName(name).get();
    }

    AdImageGenerator generator(String name) {
        return client.resources(AdImageGenerator.class).inNamespace(NS).withName(name).get();
    }

    AdImageTrainingJob awaitPhase(String name, TrainingPhase phase) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            AdImageTrainingJob j = trainingJob(name);
            return j != null && j.getStatus() != null && j.getStatus().getPhase() == phase;
        });
        return trainingJob(name);
    }

    List<String> eventReasons() {
        return client.v1().events().inNamespace(NS).list().getItems().stream().map(Event::getReason).toList();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

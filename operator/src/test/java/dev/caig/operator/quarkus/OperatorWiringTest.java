package dev.caig.operator.quarkus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.GeneratorPhase;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.testing.Samples;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The packaged wiring: Quarkus builds the operator from OperatorBeans and application.properties, applies the
 * generated CRDs to a mock API server, reconciles, and exposes JOSDK's metrics in Prometheus format.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OperatorWiringTest {
    @Inject
    KubernetesClient client;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @Test
    void reconcilesBothKindsAndExportsMetrics() throws Exception {
        client.resource(Samples.trainingJob("wiring", "first")).create();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertTrue(client.batch().v1().jobs().inNamespace("wiring").withName("first-market").get() != null);
            AdImageTrainingJob tj = client.resources(AdImageTrainingJob.class).inNamespace("wiring").withName("first").get();
            assertEquals(TrainingPhase.Running, tj.getStatus().getPhase());
            assertEquals(1, tj.getMetadata().getFinalizers().size(), "Cleaner adds the finalizer");
        });
        client.resource(Samples.generator("wiring", "gen", "first")).create();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertEquals(GeneratorPhase.WaitingForModel,
                client.resources(AdImageGenerator.class).inNamespace("wiring").withName("gen").get().getStatus().getPhase()));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metrics.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        // JOSDK's MicrometerMetrics, tagged by controller
        assertTrue(response.body().lines().anyMatch(l -> l.startsWith("reconciliations_started_total")
                && l.contains("adimagetrainingjob")), "JOSDK reconcile metrics for the training job controller");
        assertTrue(response.body().contains("reconciliations_success_total"));
    }
}

package dev.caig.operator.quarkus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.testing.Samples;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * The watched-namespaces setting as a platform team sets it (QUARKUS_OPERATOR_SDK_NAMESPACES, here through the test
 * profile): resources in a listed namespace are reconciled, resources elsewhere are left alone.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(WatchedNamespacesTest.OnlyTeamA.class)
class WatchedNamespacesTest {
    public static class OnlyTeamA implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.operator-sdk.namespaces", "team-a");
        }
    }

    @Inject
    KubernetesClient client;

    @Test
    void reconcilesOnlyTheListedNamespaces() {
        client.resource(Samples.trainingJob("team-b", "ignored")).create();
        client.resource(Samples.trainingJob("team-a", "watched")).create();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> client.batch().v1().jobs().inNamespace("team-a").withName("watched-market").get() != null);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                client.batch().v1().jobs().inNamespace("team-b").withName("ignored-market").get() == null);
        assertNull(client.resources(AdImageTrainingJob.class).inNamespace("team-b").withName("ignored").get().getStatus(),
                "a resource outside the watched namespaces gets no status");
    }
}

package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.GeneratorPhase;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.status.Conditions;
import dev.caig.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/**
 * `Deploying` says why it waits. The mock API server has no scheduler, kubelet or Deployment controller: the test
 * plays them, writing the pod conditions, container states and Deployment condition they would report.
 */
@EnableKubernetesMockClient(crud = true)
class GeneratorRolloutStallTest extends MockOperatorTest {

    @Test
    void anUnschedulableSurgePodIsReportedOnceThenAnImagePullThenTheProgressDeadline() {
        client.resource(uriGenerator("stuck")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.apps().deployments().inNamespace(NS).withName("stuck").get() != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> generator("stuck").getStatus().getPhase() == GeneratorPhase.Deploying);

        // The scheduler cannot place the new pod.
        Pod pod = client.resource(pod("stuck-7d9f-abcde")).create();
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient cpu.").endCondition().build());
        client.resource(pod).updateStatus();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AdImageGenerator g = generator("stuck");
            assertEquals(GeneratorPhase.Deploying, g.getStatus().getPhase());
            assertTrue(g.getStatus().getMessage().contains("pod stuck-7d9f-abcde cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu."),
                    g.getStatus().getMessage());
            assertEquals("Unschedulable", ready(g).getReason());
            assertEquals(1, warnings("Unschedulable").size());
        });
        // Further reconciles (a label on the generator) repeat nothing.
        for (int i = 0; i < 3; i++) {
            int n = i;
            client.resources(AdImageGenerator.class).inNamespace(NS).withName("stuck").edit(g -> {
                g.getMetadata().setLabels(Map.of("touched", String.valueOf(n)));
                return g;
            });
            sleep(500);
        }
        assertEquals(1, warnings("Unschedulable").size(), "one event per stall, not one per reconcile");

        // Scheduled now, but the image cannot be pulled.
        pod = client.pods().inNamespace(NS).withName("stuck-7d9f-abcde").get();
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addNewContainerStatus().withName("caig").withNewState().withNewWaiting().withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image \"example.org/caig-runtime:test\"").endWaiting().endState()
                .endContainerStatus().build());
        client.resource(pod).updateStatus();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AdImageGenerator g = generator("stuck");
            assertEquals("ImagePullBackOff", ready(g).getReason());
            assertTrue(g.getStatus().getMessage().contains("Back-off pulling image"), g.getStatus().getMessage());
            assertEquals(1, warnings("RolloutStalled").size());
        });

        // The pod goes; the Deployment controller gives up after progressDeadlineSeconds.
        client.pods().inNamespace(NS).withName("stuck-7d9f-abcde").delete();
        client.apps().deployments().inNamespace(NS).withName("stuck").editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder().withReplicas(2).withReadyReplicas(1).withUpdatedReplicas(1)
                    .withObservedGeneration(d.getMetadata().getGeneration())
                    .withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                            .withReason("ProgressDeadlineExceeded")
                            .withMessage("ReplicaSet \"stuck-7d9f\" has timed out progressing.").build())
                    .build());
            return d;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AdImageGenerator g = generator("stuck");
            assertEquals("ProgressDeadlineExceeded", ready(g).getReason());
            assertTrue(g.getStatus().getMessage().contains("Deployment stuck: ReplicaSet \"stuck-7d9f\" has timed out progressing."),
                    g.getStatus().getMessage());
            assertEquals(2, warnings("RolloutStalled").size());
        });
        assertEquals(1, warnings("Unschedulable").size());
    }

    /** A pod of the generator, labelled as the Deployment's template labels it (what the ReplicaSet would create). */
    private Pod pod(String name) {
        Map<String, String> labels = new LinkedHashMap<>(ResourceNames.generatorSelector("stuck"));
        labels.putAll(ResourceNames.recommended("caig-generator", "stuck", "server"));
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("caig").withImage("example.org/caig-runtime:test").endContainer()
                .endSpec().build();
    }

    private AdImageGenerator uriGenerator(String name) {
        store.putManifest("s3://models/" + NS + "/policy/", "pcpo", Map.of());
        store.putManifest("s3://models/" + NS + "/reward/", "reward", Map.of());
        AdImageGenerator gen = Samples.generatorOfUris(NS, name);
        return gen;
    }

    private static Condition ready(AdImageGenerator g) {
        return Conditions.find(g.getStatus().getConditions(), Conditions.READY).orElseThrow();
    }

    private List<Event> warnings(String reason) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "Warning".equals(e.getType()) && reason.equals(e.getReason())).toList();
    }
}

package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AutoscalingSpec;
import dev.caig.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/**
 * A generator's dependents (Deployment, Service, HPA, PodDisruptionBudget) as JOSDK's workflow keeps them: made,
 * changed and deleted with the spec, and put back when edited behind the operator's back. The mock API server
 * applies no defaults and has no server-side apply; the case a real server adds (defaulted fields on the live
 * object) is staged by hand in {@link #fieldsTheApiServerDefaultsCauseNoWrite()}.
 */
@EnableKubernetesMockClient(crud = true)
class GeneratorDependentsTest extends MockOperatorTest {

    @Test
    void manualEditsOfTheDeploymentAndServiceAreUndone() {
        client.resource(uriGenerator("edited")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> deployment("edited") != null && service("edited") != null);
        String image = container(deployment("edited")).getImage();
        String endpoint = env(deployment("edited"), "CAIG_S3_ENDPOINT");

        // Someone edits the image and an env value of the Deployment, as `kubectl edit` would.
        client.apps().deployments().inNamespace(NS).withName("edited").edit(d -> {
            container(d).setImage("attacker.example/evil:latest");
            container(d).getEnv().stream().filter(e -> e.getName().equals("CAIG_S3_ENDPOINT")).findFirst().orElseThrow()
                    .setValue("http://elsewhere:9000");
            return d;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(image, container(deployment("edited")).getImage());
            assertEquals(endpoint, env(deployment("edited"), "CAIG_S3_ENDPOINT"));
        });

        // A Service port changed by hand is put back; a deleted Service is made again.
        client.services().inNamespace(NS).withName("edited").edit(s -> {
            s.getSpec().getPorts().get(0).setPort(8081);
            return s;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> service("edited").getSpec().getPorts().get(0).getPort() == 80);
        client.services().inNamespace(NS).withName("edited").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> service("edited") != null
                && service("edited").getSpec().getPorts().get(0).getPort() == 80);
    }

    @Test
    void aFieldDroppedFromTheSpecIsDroppedFromTheDeployment() {
        client.resource(uriGenerator("keys")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> deployment("keys") != null);
        assertTrue(container(deployment("keys")).getArgs().contains("--api-keys-file"));

        // Removing a field leaves the live object with more than the desired one: a matcher that ignores additions
        // (as JOSDK's does, for API server defaults) would keep the old arguments; the desired-hash annotation does not.
        client.resources(AdImageGenerator.class).inNamespace(NS).withName("keys")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"apiKeySecret\":null}}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Deployment d = deployment("keys");
            assertTrue(!container(d).getArgs().contains("--api-keys-file"), container(d).getArgs().toString());
            assertTrue(d.getSpec().getTemplate().getSpec().getVolumes().stream().noneMatch(v -> v.getSecret() != null));
        });
    }

    @Test
    void disruptionBudgetFromTwoReplicasAndAutoscalerOnlyWhileAsked() {
        client.resource(uriGenerator("pdb")).create(); // replicas: 2
        await().atMost(Duration.ofSeconds(30)).until(() -> budget("pdb") != null);
        PodDisruptionBudget pdb = budget("pdb");
        assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());
        assertEquals(deployment("pdb").getSpec().getSelector().getMatchLabels(), pdb.getSpec().getSelector().getMatchLabels());
        assertEquals("AdImageGenerator", pdb.getMetadata().getOwnerReferences().get(0).getKind());
        assertEquals(1, pdb.getMetadata().getOwnerReferences().size());
        assertNull(autoscaler("pdb"));

        // One replica: a budget would block every node drain, so it goes.
        patchSpec("pdb", "{\"spec\":{\"replicas\":1}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> budget("pdb") == null);
        assertEquals(1, deployment("pdb").getSpec().getReplicas());

        // Autoscaling from 2: HPA and budget; autoscaling removed again: the HPA is deleted.
        patchSpec("pdb", "{\"spec\":{\"replicas\":null,\"autoscaling\":{\"minReplicas\":2,\"maxReplicas\":5}}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> autoscaler("pdb") != null && budget("pdb") != null);
        assertEquals(5, autoscaler("pdb").getSpec().getMaxReplicas());
        patchSpec("pdb", "{\"spec\":{\"autoscaling\":null,\"replicas\":1}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> autoscaler("pdb") == null && budget("pdb") == null);
        await().atMost(Duration.ofSeconds(30)).until(() -> deployment("pdb").getSpec().getReplicas() == 1);
    }

    /**
     * A real API server fills in defaults (progressDeadlineSeconds, imagePullPolicy, dnsPolicy...) that the operator
     * never sends; the mock server fills in none. A matcher comparing every field would rewrite the Deployment on
     * every reconcile there. Staged here: the defaults are added by hand, a reconcile is forced, nothing is written.
     */
    @Test
    void fieldsTheApiServerDefaultsCauseNoWrite() {
        client.resource(uriGenerator("defaulted")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> deployment("defaulted") != null);
        client.apps().deployments().inNamespace(NS).withName("defaulted").edit(d -> {
            d.getSpec().setProgressDeadlineSeconds(600);
            d.getSpec().setRevisionHistoryLimit(10);
            d.getSpec().getTemplate().getSpec().setDnsPolicy("ClusterFirst");
            d.getSpec().getTemplate().getSpec().setSchedulerName("default-scheduler");
            container(d).setImagePullPolicy("IfNotPresent");
            container(d).setTerminationMessagePath("/dev/termination-log");
            return d;
        });
        String version = deployment("defaulted").getMetadata().getResourceVersion();
        // Force reconciles: a label on the generator is an event but changes nothing the dependents depend on. A
        // merge patch without resourceVersion (an edit would race the operator's own status writes and get 409).
        for (int i = 0; i < 3; i++) {
            client.resources(AdImageGenerator.class).inNamespace(NS).withName("defaulted")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"touched\":\"" + i + "\"}}}");
            sleep(700);
        }
        assertEquals(version, deployment("defaulted").getMetadata().getResourceVersion(), "no write for defaulted fields");
        assertEquals("IfNotPresent", container(deployment("defaulted")).getImagePullPolicy());
    }

    private AdImageGenerator uriGenerator(String name) {
        store.putManifest("s3://models/" + NS + "/policy/", "pcpo", Map.of());
        store.putManifest("s3://models/" + NS + "/reward/", "reward", Map.of());
        AdImageGenerator gen = Samples.generatorOfUris(NS, name);
        gen.getMetadata().setLabels(new java.util.HashMap<>());
        return gen;
    }

    private void patchSpec(String name, String mergePatch) {
        client.resources(AdImageGenerator.class).inNamespace(NS).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private io.fabric8.kubernetes.api.model.Service service(String name) {
        return client.services().inNamespace(NS).withName(name).get();
    }

    private PodDisruptionBudget budget(String name) {
        return client.policy().v1().podDisruptionBudget().inNamespace(NS).withName(name).get();
    }

    private HorizontalPodAutoscaler autoscaler(String name) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName(name).get();
    }

    private static io.fabric8.kubernetes.api.model.Container container(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static String env(Deployment d, String name) {
        return container(d).getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
    }
}

package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobStatus;
import dev.caig.operator.crd.v1alpha1.AutoscalingSpec;
import dev.caig.operator.crd.v1alpha1.GeneratorPhase;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.status.Conditions;
import dev.caig.operator.testing.KubeletStandIn;
import dev.caig.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** A generator waits for its training job, then deploys `caig serve`, becomes Ready, and rolls on a new model. */
@EnableKubernetesMockClient(crud = true)
class GeneratorTest extends MockOperatorTest {

    @Test
    void waitsForTrainingJobThenDeploysAndRollsOnNewModel() {
        // Arrange: the generator exists before its training job has finished
        client.resource(Samples.generator(NS, "beauty", "quickstart")).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AdImageGenerator g = generator("beauty");
            assertEquals(GeneratorPhase.WaitingForModel, g.getStatus().getPhase());
            assertTrue(Conditions.isTrue(g.getStatus().getConditions(), Conditions.WAITING_FOR_MODEL));
            assertTrue(g.getStatus().getMessage().contains(NS + "/quickstart does not exist"), g.getStatus().getMessage());
        });

        try (KubeletStandIn kubelet = new KubeletStandIn(client, NS, KubeletStandIn.fakeRuntime(store)).start()) {
            client.resource(Samples.trainingJob(NS, "quickstart")).create();
            // Still waiting while the training runs
            await().atMost(Duration.ofSeconds(30)).until(() -> generator("beauty").getStatus().getMessage().contains("is Running"));
            assertNull(deployment());
            awaitPhase("quickstart", TrainingPhase.Succeeded);
        }

        // Act 1: the model is there -> Deployment + Service, no HPA
        await().atMost(Duration.ofSeconds(30)).until(() -> deployment() != null);
        AdImageTrainingJob tj = trainingJob("quickstart");
        Deployment d = deployment();
        var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(List.of("serve", "--policy", "s3://caig/runs/quickstart/pcpo/", "--reward",
                "s3://caig/runs/quickstart/reward/", "--port", "8080", "--max-candidates", "4",
                "--api-keys-file", "/etc/caig/api-keys/keys"), container.getArgs());
        assertEquals(tj.getStatus().getModelDigest(),
                d.getSpec().getTemplate().getMetadata().getAnnotations().get(ResourceNames.MODEL_DIGEST_ANNOTATION));
        assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/q/metrics", d.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/path"));
        assertEquals(50L, d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
        assertEquals(2, d.getSpec().getReplicas());
        // The store comes from the training job's spec, credentials only as secretKeyRef
        assertEquals("caig-store", container.getEnv().stream().filter(e -> e.getName().equals("CAIG_S3_SECRET_KEY"))
                .findFirst().orElseThrow().getValueFrom().getSecretKeyRef().getName());
        assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals("beauty-api-keys", d.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).findFirst().orElseThrow().getSecret().getSecretName());
        // The Service is written right after the Deployment, in the same reconcile
        await().atMost(Duration.ofSeconds(30)).until(() -> client.services().inNamespace(NS).withName("beauty").get() != null);
        assertEquals(80, client.services().inNamespace(NS).withName("beauty").get().getSpec().getPorts().get(0).getPort());
        assertNull(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("beauty").get());
        await().atMost(Duration.ofSeconds(30)).until(() -> generator("beauty").getStatus().getPhase() == GeneratorPhase.Deploying);

        // The Deployment controller reports the replicas ready -> Ready
        markDeploymentReady(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AdImageGenerator g = generator("beauty");
            assertEquals(GeneratorPhase.Ready, g.getStatus().getPhase());
            assertEquals(2, g.getStatus().getReadyReplicas());
            assertEquals("http://beauty." + NS + ".svc.cluster.local", g.getStatus().getUrl());
            assertEquals(tj.getStatus().getModelDigest(), g.getStatus().getModelDigest());
            assertEquals("s3://caig/runs/quickstart/pcpo/", g.getStatus().getModelUri());
        });
        String firstDigest = tj.getStatus().getModelDigest();

        // Act 2: the training job reports a new model -> the pod template changes (rolling update)
        String newDigest = "sha256:" + "b".repeat(64);
        client.resources(AdImageTrainingJob.class).inNamespace(NS).withName("quickstart").editStatus(j -> {
            AdImageTrainingJobStatus s = j.getStatus();
            s.setModelDigest(newDigest);
            return j;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> newDigest.equals(deployment().getSpec().getTemplate()
                .getMetadata().getAnnotations().get(ResourceNames.MODEL_DIGEST_ANNOTATION)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AdImageGenerator g = generator("beauty");
            assertEquals(newDigest, g.getStatus().getModelDigest());
            assertEquals(GeneratorPhase.Deploying, g.getStatus().getPhase(), "not Ready until the new pods are");
        });
        assertNotEquals(firstDigest, newDigest);
        await().atMost(Duration.ofSeconds(30)).until(() -> eventReasons().contains("RolledOut"));
    }

    @Test
    void autoscalingCreatesAnHpaAndLeavesReplicasToIt() {
        store.putManifest("s3://models/beauty/policy/", "pcpo", Map.of());
        store.putManifest("s3://models/beauty/reward/", "reward", Map.of());
        AdImageGenerator gen = Samples.generator(NS, "scaled", null);
        gen.getSpec().getModel().setTrainingJobRef(null);
        gen.getSpec().getModel().setPolicyUri("s3://models/beauty/policy");
        gen.getSpec().getModel().setRewardUri("s3://models/beauty/reward");
        gen.getSpec().setStore(Samples.store());
        gen.getSpec().setReplicas(null);
        AutoscalingSpec a = new AutoscalingSpec();
        a.setMinReplicas(2);
        a.setMaxReplicas(6);
        a.setTargetCpuUtilizationPercentage(60);
        gen.getSpec().setAutoscaling(a);
        client.resource(gen).create();

        await().atMost(Duration.ofSeconds(30)).until(() -> client.autoscaling().v2().horizontalPodAutoscalers()
                .inNamespace(NS).withName("scaled").get() != null);
        HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("scaled").get();
        assertEquals(2, hpa.getSpec().getMinReplicas());
        assertEquals(6, hpa.getSpec().getMaxReplicas());
        assertEquals(60, hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
        assertEquals("scaled", hpa.getSpec().getScaleTargetRef().getName());
        Deployment d = client.apps().deployments().inNamespace(NS).withName("scaled").get();
        // Created at the HPA's minimum (a real API server would default a missing count to 1, below the minimum,
        // until the HPA's first sync); from then on the HPA owns the count.
        assertEquals(2, d.getSpec().getReplicas());
        String digest = d.getSpec().getTemplate().getMetadata().getAnnotations().get(ResourceNames.MODEL_DIGEST_ANNOTATION);
        assertTrue(digest.startsWith("sha256:"));

        // The HPA scales to 4; then a new model rolls the Deployment. A real API server defaults a missing replicas
        // to 1 (the mock server applies no defaults and would leave it unset): either way the roll must keep 4.
        // (A URI-given model is re-read on the next reconcile: the HPA's write to the Deployment is that event.)
        store.putManifest("s3://models/beauty/policy/", "pcpo", Map.of("loss", 0.25));
        client.apps().deployments().inNamespace(NS).withName("scaled").edit(x -> {
            x.getSpec().setReplicas(4);
            return x;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !digest.equals(client.apps().deployments().inNamespace(NS)
                .withName("scaled").get().getSpec().getTemplate().getMetadata().getAnnotations()
                .get(ResourceNames.MODEL_DIGEST_ANNOTATION)));
        assertEquals(4, client.apps().deployments().inNamespace(NS).withName("scaled").get().getSpec().getReplicas(),
                "a model roll leaves the HPA's replica count alone");
    }

    @Test
    void modelGivenByUrisWithoutStoreIsInvalid() {
        AdImageGenerator gen = Samples.generator(NS, "nostore", null);
        gen.getSpec().getModel().setTrainingJobRef(null);
        gen.getSpec().getModel().setPolicyUri("s3://models/p");
        gen.getSpec().getModel().setRewardUri("s3://models/r");
        client.resource(gen).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AdImageGenerator g = generator("nostore");
            assertEquals(GeneratorPhase.Invalid, g.getStatus().getPhase());
            assertTrue(g.getStatus().getMessage().contains("spec.store is required"), g.getStatus().getMessage());
        });
        assertNull(client.apps().deployments().inNamespace(NS).withName("nostore").get());
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace(NS).withName("beauty").get();
    }

    private void markDeploymentReady(int replicas) {
        client.apps().deployments().inNamespace(NS).withName("beauty").editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                    .withUpdatedReplicas(replicas).withAvailableReplicas(replicas)
                    .withObservedGeneration(d.getMetadata().getGeneration()).build());
            return d;
        });
    }
}

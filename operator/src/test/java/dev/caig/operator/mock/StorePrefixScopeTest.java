package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageBatchSpec;
import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.BatchPhase;
import dev.caig.operator.crd.v1alpha1.CleanupPolicy;
import dev.caig.operator.crd.v1alpha1.GeneratorPhase;
import dev.caig.operator.crd.v1alpha1.ModelSourceSpec;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.status.Conditions;
import dev.caig.operator.store.AllowedPrefixes;
import dev.caig.operator.testing.InMemoryArtifactStore;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.TestOperator;
import dev.caig.operator.validation.SpecProblem;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/**
 * The chart's per-namespace store prefixes (storeScope.*), enforced for all three resources before any store call:
 * team-a may use s3://caig/runs/ (its runs), team-b only s3://caig/team-b/, other namespaces nothing.
 */
@EnableKubernetesMockClient(crud = true)
class StorePrefixScopeTest {
    static KubernetesClient client;
    static final InMemoryArtifactStore store = new InMemoryArtifactStore();
    static TestOperator operator;

    @BeforeAll
    static void startOperatorWithPrefixes() throws Exception {
        Awaitility.ignoreExceptionsByDefault();
        TestOperator.installCrds(client);
        operator = TestOperator.start(client, store, TestOperator.SETTINGS, 3, null, Set.of(),
                AllowedPrefixes.parse(List.of("team-a=s3://caig/runs/", "team-b=s3://caig/team-b/"), false));
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
    }

    @Test
    void aTrainingJobPointedAtAnotherTeamsPrefixIsInvalidAndItsCleanupDeletesNothingThere() {
        client.resource(Samples.trainingJob("team-a", "victim")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.batch().v1().jobs().inNamespace("team-a").withName("victim-market").get() != null);

        AdImageTrainingJob thief = Samples.trainingJob("team-b", "thief");
        thief.getSpec().getArtifacts().setPrefix("runs/victim");
        thief.getSpec().getArtifacts().setCleanupPolicy(CleanupPolicy.Delete);
        client.resource(thief).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AdImageTrainingJob j = trainingJob("team-b", "thief");
            assertEquals(TrainingPhase.Invalid, j.getStatus().getPhase());
            assertTrue(j.getStatus().getMessage().startsWith("spec.artifacts (s3://caig/runs/victim/) is outside the store prefixes "
                    + "allowed here: namespace team-b may use only [s3://caig/team-b/]"), j.getStatus().getMessage());
            assertRefusedForScope(j.getStatus().getConditions(), "thief");
        });
        assertEquals(List.of(), client.batch().v1().jobs().inNamespace("team-b").list().getItems(), "no pods for it");

        // A manifest that claims to be the thief's (forged, or written before the chart restricted team-b): the
        // producer check alone would delete the folder; the prefixes keep it.
        String thiefUid = trainingJob("team-b", "thief").getMetadata().getUid();
        store.putManifest("s3://caig/runs/victim/market/", "market", Map.of(), thiefUid);
        client.resources(AdImageTrainingJob.class).inNamespace("team-b").withName("thief").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> trainingJob("team-b", "thief") == null);
        assertEquals(2, store.countUnder("s3://caig/runs/victim/market/"), "nothing deleted outside team-b's prefix");
        assertTrue(events("team-b").stream().anyMatch(e -> "ArtifactsKept".equals(e.getReason())
                && e.getMessage().contains("outside the store prefixes namespace team-b may use")), "kept, with the reason");
    }

    @Test
    void aGeneratorInAnUnlistedNamespaceIsInvalidWithoutAnyStoreRead() {
        AdImageGenerator gen = Samples.generator("team-z", "beauty", null);
        gen.getSpec().getModel().setTrainingJobRef(null);
        gen.getSpec().getModel().setPolicyUri("s3://caig/runs/victim/pcpo/");
        gen.getSpec().getModel().setRewardUri("s3://caig/runs/victim/reward/");
        gen.getSpec().setStore(Samples.store());
        client.resource(gen).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AdImageGenerator g = client.resources(AdImageGenerator.class).inNamespace("team-z").withName("beauty").get();
            assertEquals(GeneratorPhase.Invalid, g.getStatus().getPhase());
            assertTrue(g.getStatus().getMessage().startsWith("spec.model.policyUri (s3://caig/runs/victim/pcpo/) is outside"),
                    g.getStatus().getMessage());
            assertTrue(g.getStatus().getMessage().contains("namespace team-z is not listed and unlisted namespaces are refused"));
            assertEquals(SpecProblem.STORE_SCOPE_DENIED, reason(g.getStatus().getConditions(), Conditions.INVALID_SPEC));
            assertTrue(events("team-z").stream().anyMatch(e -> "beauty".equals(e.getInvolvedObject().getName())
                    && SpecProblem.STORE_SCOPE_DENIED.equals(e.getReason())), "a StoreScopeDenied event");
        });
        assertNull(client.apps().deployments().inNamespace("team-z").withName("beauty").get());
        assertTrue(store.opened().stream().noneMatch(s -> s.namespace().equals("team-z")), "the store was never opened for team-z");
    }

    @Test
    void aBatchWritingOutsideItsPrefixIsInvalid() {
        AdImageBatch batch = new AdImageBatch();
        batch.setMetadata(new ObjectMetaBuilder().withNamespace("team-b").withName("nightly").build());
        AdImageBatchSpec spec = new AdImageBatchSpec();
        spec.setBusinessUnit("beauty");
        ModelSourceSpec model = new ModelSourceSpec();
        model.setPolicyUri("s3://caig/team-b/models/policy/");
        model.setRewardUri("s3://caig/team-b/models/reward/");
        spec.setModel(model);
        spec.setStore(Samples.store());
        spec.setCatalogUri("s3://caig/team-b/catalog.json");
        spec.setShards(2);
        spec.setOutputUri("s3://caig/runs/victim/evaluate");
        batch.setSpec(spec);
        client.resource(batch).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AdImageBatch b = client.resources(AdImageBatch.class).inNamespace("team-b").withName("nightly").get();
            assertEquals(BatchPhase.Invalid, b.getStatus().getPhase());
            assertTrue(b.getStatus().getMessage().startsWith("spec.outputUri (s3://caig/runs/victim/evaluate) is outside"),
                    b.getStatus().getMessage());
            assertRefusedForScope(b.getStatus().getConditions(), "nightly");
        });
        assertEquals(List.of(), client.batch().v1().jobs().inNamespace("team-b").withLabel("caig.dev/batch").list().getItems());
    }

    @Test
    void anyOtherSpecProblemKeepsTheReasonInvalidSpec() {
        AdImageTrainingJob job = Samples.trainingJob("team-a", "typo");
        job.getSpec().setNodeSelector(Map.of("bad key!", "x"));
        client.resource(job).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            AdImageTrainingJob j = trainingJob("team-a", "typo");
            assertEquals(TrainingPhase.Invalid, j.getStatus().getPhase());
            assertEquals(SpecProblem.INVALID_SPEC, reason(j.getStatus().getConditions(), Conditions.INVALID_SPEC));
            assertTrue(events("team-a").stream().anyMatch(e -> "typo".equals(e.getInvolvedObject().getName())
                    && SpecProblem.INVALID_SPEC.equals(e.getReason())));
        });
    }

    /** The refusal names its own reason on the InvalidSpec and Ready conditions and in a Warning event. */
    private static void assertRefusedForScope(List<Condition> conditions, String name) {
        assertEquals(SpecProblem.STORE_SCOPE_DENIED, reason(conditions, Conditions.INVALID_SPEC));
        assertEquals(SpecProblem.STORE_SCOPE_DENIED, reason(conditions, Conditions.READY));
        assertTrue(events("team-b").stream().anyMatch(e -> name.equals(e.getInvolvedObject().getName())
                && SpecProblem.STORE_SCOPE_DENIED.equals(e.getReason()) && "Warning".equals(e.getType())),
                "a StoreScopeDenied warning on " + name);
    }

    private static String reason(List<Condition> conditions, String type) {
        return Conditions.find(conditions, type).map(Condition::getReason).orElse(null);
    }

    private static AdImageTrainingJob trainingJob(String ns, String name) {
        return client.resources(AdImageTrainingJob.class).inNamespace(ns).withName(name).get();
    }

    private static List<Event> events(String ns) {
        return client.v1().events().inNamespace(ns).list().getItems();
    }
}

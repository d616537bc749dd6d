package dev.caig.charts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import dev.caig.operator.config.LeaderElection;
import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageBatchSpec;
import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.ModelSourceSpec;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AutoscalingSpec;
import dev.caig.operator.crd.v1alpha1.CleanupPolicy;
import dev.caig.operator.crd.v1alpha1.GeneratorPhase;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.testing.InMemoryArtifactStore;
import dev.caig.operator.testing.JobStatuses;
import dev.caig.operator.testing.KubeletStandIn;
import dev.caig.operator.testing.Samples;
import dev.caig.operator.testing.TestOperator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;

/**
 * The chart's RBAC against what the operator really does: the operator's reconcilers run (on plain JOSDK, as in the
 * operator's mock tests) against the Fabric8 mock API server through every code path that writes (create, adopt,
 * suspend, resume, reconfigure, deploy, roll, scale, delete), and every request they send is checked against the
 * rules the rendered chart binds to its service account. Rules no request used fail the test too, unless listed
 * below with the reason they cannot show up here.
 */
@EnableKubernetesMockClient(crud = true)
class RbacCoverageTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    private static final String AGENT = "caig-operator-under-test";

    /** Granted on purpose although no request here uses it: each is on a path the mock server cannot produce. */
    private static final Map<ApiRequest.Use, String> NOT_SEEN_HERE = Map.of(
            new ApiRequest.Use("caig.dev", "adimagetrainingjobs", "get"),
            "JOSDK re-reads the resource when a finalizer patch conflicts (ResourceOperations.conflictRetryingPatchPrimary)",
            new ApiRequest.Use("coordination.k8s.io", "leases", "update"),
            "JOSDK refuses to start without it (LeaderElectionManager.checkLeaseAccess); Fabric8's LeaseLock patches",
            new ApiRequest.Use("", "events", "patch"),
            "EventRecorder counts a repeated event on the one it wrote first; whether a reconcile here repeats one "
                    + "depends on timing (operator EventsTest repeats one through the mock server)",
            new ApiRequest.Use("", "secrets", "get"),
            "SecretArtifactStores reads a resource's own store Secret; this test's in-memory store needs no keys "
                    + "(MinioArtifactStoreTest reads the Secret through the mock server)");

    @BeforeAll
    static void statusFieldsAppearOverSeveralReconciles() {
        Awaitility.ignoreExceptionsByDefault();
    }

    @Test
    void everyRequestOfTheOperatorIsAllowedAndEveryRuleIsUsed() throws Exception {
        List<ApiRequest> requests = operatorRequests("team-a", "team-b", false, this::everyWritingPath);

        RbacRules rules = RbacRules.of(Chart.render(Chart.sets()), Chart.RELEASE, Chart.NAMESPACE);
        List<String> denied = requests.stream().filter(r -> !allowedByChartOrKubernetes(rules, r)).map(ApiRequest::toString)
                .distinct().toList();
        assertEquals(List.of(), denied, "the chart's RBAC denies requests the operator makes");

        Set<ApiRequest.Use> used = requests.stream().map(ApiRequest::use).collect(Collectors.toSet());
        used.addAll(admissionNeeds("team-a", "team-b"));
        Set<String> unused = new TreeSet<>();
        for (ApiRequest.Use granted : rules.uses()) {
            if (!used.contains(granted) && !NOT_SEEN_HERE.containsKey(granted)) {
                unused.add(granted.toString());
            }
        }
        assertEquals(Set.of(), unused, "the chart grants rights the operator never uses");
        for (ApiRequest.Use excused : NOT_SEEN_HERE.keySet()) {
            assertTrue(rules.uses().contains(excused), "listed as granted but not granted: " + excused);
        }
    }

    @Test
    void withWatchedNamespacesNothingReachesBeyondThemAndTheReleaseNamespace() throws Exception {
        List<ApiRequest> requests = operatorRequests("team-c", "team-d", true, this::firstStageAndWaitingGenerator);

        RbacRules rules = RbacRules.of(Chart.render(Chart.sets("watchNamespaces[0]", "team-c", "watchNamespaces[1]", "team-d")),
                Chart.RELEASE, Chart.NAMESPACE);
        assertTrue(rules.grants().stream().noneMatch(g -> g.scope().equals("*")), "namespaced mode binds no ClusterRole");
        List<String> denied = requests.stream().filter(r -> !allowedByChartOrKubernetes(rules, r)).map(ApiRequest::toString)
                .distinct().toList();
        assertEquals(List.of(), denied, "the namespaced chart's RBAC denies requests the operator makes");
    }

    /** SelfSubjectRulesReview (JOSDK's lease check) is open to every authenticated user (system:basic-user). */
    private static boolean allowedByChartOrKubernetes(RbacRules rules, ApiRequest r) {
        return rules.allows(r) || (r.group().equals("authorization.k8s.io") && r.resource().equals("selfsubjectrulesreviews")
                && r.verb().equals("create"));
    }

    /**
     * Rights the API server's admission checks on top of the request itself: an object whose owner reference has
     * blockOwnerDeletion=true may only be written with update on the owner's finalizers subresource. Read from the
     * objects the operator created (the mock server does not keep request bodies).
     */
    private static Set<ApiRequest.Use> admissionNeeds(String... namespaces) {
        Map<String, String> plurals = Map.of(
                HasMetadata.getKind(AdImageTrainingJob.class), HasMetadata.getPlural(AdImageTrainingJob.class),
                HasMetadata.getKind(AdImageGenerator.class), HasMetadata.getPlural(AdImageGenerator.class),
                HasMetadata.getKind(AdImageBatch.class), HasMetadata.getPlural(AdImageBatch.class));
        Set<ApiRequest.Use> needs = new LinkedHashSet<>();
        for (String ns : namespaces) {
            List<HasMetadata> owned = new ArrayList<>();
            owned.addAll(client.batch().v1().jobs().inNamespace(ns).list().getItems());
            owned.addAll(client.configMaps().inNamespace(ns).list().getItems());
            owned.addAll(client.apps().deployments().inNamespace(ns).list().getItems());
            owned.addAll(client.services().inNamespace(ns).list().getItems());
            owned.addAll(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).list().getItems());
            owned.addAll(client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems());
            for (HasMetadata o : owned) {
                for (OwnerReference ref : o.getMetadata().getOwnerReferences()) {
                    if (Boolean.TRUE.equals(ref.getBlockOwnerDeletion())) {
                        needs.add(new ApiRequest.Use(group(ref.getApiVersion()),
                                plurals.get(ref.getKind()) + "/finalizers", "update"));
                    }
                }
            }
        }
        return needs;
    }

    /** The API group of an apiVersion: "caig.dev/v1alpha1" is in caig.dev, "v1" in the core group "". */
    private static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** What the test does while the operator runs, in namespaces a and b. */
    @FunctionalInterface
    private interface Scenario {
        void run(String a, String b, InMemoryArtifactStore store) throws Exception;
    }

    /**
     * Runs the operator (leader election on, watching all namespaces or only a and b) through a scenario and returns
     * the requests its own client sent; the test's client, playing kubectl and the Job controller, is not counted.
     */
    private List<ApiRequest> operatorRequests(String a, String b, boolean onlyThese, Scenario scenario) throws Exception {
        drain(); // requests of an earlier test in this class (each test uses namespaces of its own)
        Set<String> watched = onlyThese ? Set.of(a, b) : Set.of();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
                        .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
                        .withVerbs("get", "create", "update").endResourceRule().endStatus().build())
                .always();
        for (String ns : List.of(Chart.NAMESPACE, a, b)) {
            if (client.namespaces().withName(ns).get() == null) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
            }
        }
        if (client.apiextensions().v1().customResourceDefinitions().list().getItems().isEmpty()) {
            TestOperator.installCrds(client);
        }
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        LeaderElectionConfiguration lease = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LeaderElection.LEASE)
                .withLeaseNamespace(Chart.NAMESPACE).withIdentity("replica-a")
                .withLeaseDuration(Duration.ofSeconds(3)).withRenewDeadline(Duration.ofSeconds(2))
                .withRetryPeriod(Duration.ofMillis(300)).buildForTest(false);
        KubernetesClient operatorClient = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(AGENT).build()).build();
        try (operatorClient;
             TestOperator operator = TestOperator.start(operatorClient, store, TestOperator.SETTINGS, 2, lease, watched)) {
            scenario.run(a, b, store);
        }
        return recorded();
    }

    /** Every path that writes: run, deploy, update, scale, suspend, resume, reconfigure, clean up, adopt. */
    private void everyWritingPath(String a, String b, InMemoryArtifactStore store) throws Exception {
        try (KubeletStandIn kubelet = new KubeletStandIn(client, a, KubeletStandIn.fakeRuntime(store)).start()) {
            // A generator waits for its training job, which runs to Succeeded; then the Deployment and Service appear.
            client.resource(Samples.generator(a, "beauty", "quickstart")).create();
            client.resource(Samples.trainingJob(a, "quickstart")).create();
            await().atMost(Duration.ofSeconds(60)).until(() -> phase(a, "quickstart") == TrainingPhase.Succeeded);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> client.apps().deployments().inNamespace(a).withName("beauty").get() != null);
        // A changed spec updates the Deployment; a Service edited by hand is put back (update).
        mergePatch(AdImageGenerator.class, a, "beauty", "{\"spec\":{\"maxCandidates\":6}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> client.apps().deployments().inNamespace(a).withName("beauty").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().contains("6"));
        client.services().inNamespace(a).withName("beauty").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"" + ResourceNames.DESIRED_HASH_ANNOTATION + "\":null}}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> client.services().inNamespace(a).withName("beauty").get()
                .getMetadata().getAnnotations().containsKey(ResourceNames.DESIRED_HASH_ANNOTATION));
        // So is the PodDisruptionBudget (two replicas) when edited by hand.
        client.policy().v1().podDisruptionBudget().inNamespace(a).withName("beauty").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"maxUnavailable\":2}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> client.policy().v1().podDisruptionBudget().inNamespace(a)
                .withName("beauty").get().getSpec().getMaxUnavailable().getIntVal() == 1);

        // Autoscaling: HPA (and, from two replicas, a PodDisruptionBudget) created, changed, removed.
        store.putManifest("s3://models/beauty/policy/", "pcpo", Map.of());
        store.putManifest("s3://models/beauty/reward/", "reward", Map.of());
        client.resource(scaledGenerator(a)).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> hpaTarget(a) == 60);
        mergePatch(AdImageGenerator.class, a, "scaled", "{\"spec\":{\"autoscaling\":{\"targetCpuUtilizationPercentage\":75}}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> hpaTarget(a) == 75);
        mergePatch(AdImageGenerator.class, a, "scaled", "{\"spec\":{\"autoscaling\":null,\"replicas\":1}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> hpaTarget(a) == -1
                && client.policy().v1().podDisruptionBudget().inNamespace(a).withName("scaled").get() == null);

        // A batch on the same model: its Indexed Job is created, then suspended by spec.suspend.
        client.resource(batch(a)).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.batch().v1().jobs().inNamespace(a).withName("nightly-generate").get() != null);
        mergePatch(AdImageBatch.class, a, "nightly", "{\"spec\":{\"suspend\":true}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(client.batch().v1().jobs().inNamespace(a)
                .withName("nightly-generate").get().getSpec().getSuspend()));

        // In namespace b no Job runs: suspend, resume, a changed hyper-parameter, then deletion with cleanup.
        AdImageTrainingJob paused = Samples.trainingJob(b, "paused");
        paused.getSpec().getArtifacts().setCleanupPolicy(CleanupPolicy.Delete);
        client.resource(paused).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.batch().v1().jobs().inNamespace(b).withName("paused-market").get() != null);
        mergePatch(AdImageTrainingJob.class, b, "paused", "{\"spec\":{\"suspend\":true}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(client.batch().v1().jobs().inNamespace(b)
                .withName("paused-market").get().getSpec().getSuspend()));
        mergePatch(AdImageTrainingJob.class, b, "paused", "{\"spec\":{\"suspend\":false}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.FALSE.equals(client.batch().v1().jobs().inNamespace(b)
                .withName("paused-market").get().getSpec().getSuspend()));
        // A changed hyper-parameter (refused by CEL on a real API server) leaves the pinned ConfigMap as it is.
        mergePatch(AdImageTrainingJob.class, b, "paused", "{\"spec\":{\"pcpo\":{\"iterations\":9}}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> client.resources(AdImageTrainingJob.class).inNamespace(b)
                .withName("paused").get().getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("ConfigChanged")));
        store.putManifest("s3://caig/runs/paused/market/", "market", Map.of());
        client.resources(AdImageTrainingJob.class).inNamespace(b).withName("paused").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.resources(AdImageTrainingJob.class).inNamespace(b)
                .withName("paused").get() == null);

        // Fail fast: a stage that fails for good deletes its running sibling.
        client.resource(Samples.trainingJob(b, "broken")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.batch().v1().jobs().inNamespace(b).withName("broken-market").get() != null);
        store.putManifest("s3://caig/runs/broken/market/", "market", Map.of());
        JobStatuses.succeeded(client, b, "broken-market");
        await().atMost(Duration.ofSeconds(30)).until(() -> client.batch().v1().jobs().inNamespace(b).withName("broken-reward").get() != null);
        JobStatuses.failed(client, b, "broken-pretrain", "PodFailurePolicy", "exit code 4");
        await().atMost(Duration.ofSeconds(30)).until(() -> client.batch().v1().jobs().inNamespace(b).withName("broken-reward").get() == null);

        // A Job with the stage's name that the informers do not see (an earlier create the cache missed): adopted.
        client.resource(new JobBuilder().withNewMetadata().withName("adopted-market").withNamespace(b).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("caig").withImage("x").endContainer()
                .withRestartPolicy("Never").endSpec().endTemplate().endSpec().build()).create();
        client.resource(Samples.trainingJob(b, "adopted")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded().stream().anyMatch(r -> r.verb().equals("get")
                && r.resource().equals("jobs") && r.name().equals("adopted-market")));
    }

    private static AdImageBatch batch(String ns) {
        AdImageBatch batch = new AdImageBatch();
        batch.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace(ns).withName("nightly").build());
        AdImageBatchSpec spec = new AdImageBatchSpec();
        spec.setBusinessUnit("beauty");
        ModelSourceSpec model = new ModelSourceSpec();
        model.setPolicyUri("s3://models/beauty/policy/");
        model.setRewardUri("s3://models/beauty/reward/");
        spec.setModel(model);
        spec.setStore(Samples.store());
        spec.setCatalogUri("s3://caig-data/beauty/catalog.json");
        spec.setShards(2);
        spec.setOutputUri("s3://caig-ads/beauty/nightly");
        batch.setSpec(spec);
        return batch;
    }

    /** Enough for namespaced mode, where only the scope of the informers differs: a first stage, a waiting generator. */
    private void firstStageAndWaitingGenerator(String a, String b, InMemoryArtifactStore store) {
        client.resource(Samples.generator(a, "beauty", "quickstart")).create();
        client.resource(Samples.trainingJob(b, "quickstart")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.batch().v1().jobs().inNamespace(b).withName("quickstart-market").get() != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            AdImageGenerator g = client.resources(AdImageGenerator.class).inNamespace(a).withName("beauty").get();
            return g.getStatus() != null && g.getStatus().getPhase() == GeneratorPhase.WaitingForModel;
        });
    }

    private final List<ApiRequest> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The operator's requests so far (the mock server queues every request it answers). */
    private List<ApiRequest> recorded() throws InterruptedException {
        RecordedRequest r;
        while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            if (AGENT.equals(r.getHeader("User-Agent"))) {
                seen.add(ApiRequest.of(r.getMethod(), r.getPath()));
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(seen));
    }

    private void drain() throws InterruptedException {
        recorded();
        seen.clear();
    }

    private static TrainingPhase phase(String ns, String name) {
        AdImageTrainingJob j = client.resources(AdImageTrainingJob.class).inNamespace(ns).withName(name).get();
        return j == null || j.getStatus() == null ? null : j.getStatus().getPhase();
    }

    private static int hpaTarget(String ns) {
        var hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("scaled").get();
        return hpa == null ? -1 : hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization();
    }

    /** Like `kubectl patch --type merge`: no resourceVersion, so no conflict with the operator's status writes. */
    private static void mergePatch(Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> type, String ns, String name,
            String patch) {
        client.resources(type).inNamespace(ns).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    private static AdImageGenerator scaledGenerator(String ns) {
        AdImageGenerator gen = Samples.generator(ns, "scaled", null);
        gen.getSpec().getModel().setTrainingJobRef(null);
        gen.getSpec().getModel().setPolicyUri("s3://models/beauty/policy");
        gen.getSpec().getModel().setRewardUri("s3://models/beauty/reward");
        gen.getSpec().setStore(Samples.store());
        gen.getSpec().setReplicas(null);
        AutoscalingSpec scaling = new AutoscalingSpec();
        scaling.setMinReplicas(2); // from two replicas on, a PodDisruptionBudget too
        scaling.setMaxReplicas(3);
        scaling.setTargetCpuUtilizationPercentage(60);
        gen.getSpec().setAutoscaling(scaling);
        return gen;
    }
}

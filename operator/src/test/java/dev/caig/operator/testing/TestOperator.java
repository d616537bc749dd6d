package dev.caig.operator.testing;

import dev.caig.operator.batch.BatchProgress;
import dev.caig.operator.batch.BatchReconciler;
import dev.caig.operator.batch.BatchStatusBuilder;
import dev.caig.operator.validation.BatchValidator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

import dev.caig.operator.config.OperatorSettings;
import dev.caig.operator.events.EventRecorder;
import dev.caig.operator.generator.GeneratorReconciler;
import dev.caig.operator.generator.GeneratorStatusBuilder;
import dev.caig.operator.generator.ModelResolver;
import dev.caig.operator.modelsource.TrainingJobFeed;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.store.AllowedPrefixes;
import dev.caig.operator.store.ArtifactStores;
import dev.caig.operator.store.PrefixGuardedStores;
import dev.caig.operator.trainingjob.ArtifactCleanup;
import dev.caig.operator.trainingjob.ArtifactVerifier;
import dev.caig.operator.trainingjob.ClusterActions;
import dev.caig.operator.trainingjob.TrainingJobReconciler;
import dev.caig.operator.trainingjob.TrainingStatusBuilder;
import dev.caig.operator.validation.PodPolicy;
import dev.caig.operator.validation.GeneratorValidator;
import dev.caig.operator.validation.TrainingJobValidator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;

/**
 * The operator's three reconcilers on plain JOSDK (no Quarkus) against any client: what the mock tests and the
 * benchmark run. Wired exactly as OperatorBeans wires them, with SSA off as in application.properties.
 */
public final class TestOperator implements AutoCloseable {
    public static final OperatorSettings SETTINGS = new OperatorSettings("example.org/caig-runtime:test",
            "example.org/caig-runtime:test-cuda", "http://minio.minio:9000", "us-east-1", Duration.ofSeconds(1),
            Duration.ofDays(1));

    private final Operator operator;

    private TestOperator(Operator operator) {
        this.operator = operator;
    }

    public static TestOperator start(KubernetesClient client, ArtifactStores store) {
        return start(client, store, SETTINGS, 5);
    }

    public static TestOperator start(KubernetesClient client, ArtifactStores store, OperatorSettings settings, int threads) {
        return start(client, store, settings, threads, null);
    }

    /** @param leaderElection null to reconcile at once; else the replica waits until it holds the lease */
    public static TestOperator start(KubernetesClient client, ArtifactStores store, OperatorSettings settings, int threads,
                                     io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration leaderElection) {
        return start(client, store, settings, threads, leaderElection, Set.of());
    }

    /** @param namespaces the namespaces both controllers watch (QUARKUS_OPERATOR_SDK_NAMESPACES); empty = all */
    public static TestOperator start(KubernetesClient client, ArtifactStores store, OperatorSettings settings, int threads,
                                     io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration leaderElection,
                                     Set<String> namespaces) {
        return start(client, store, settings, threads, leaderElection, namespaces, AllowedPrefixes.ANYTHING);
    }

    /** @param prefixes the store prefixes each namespace may use (chart values storeScope.*) */
    public static TestOperator start(KubernetesClient client, ArtifactStores unguarded, OperatorSettings settings, int threads,
                                     io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration leaderElection,
                                     Set<String> namespaces, AllowedPrefixes prefixes) {
        return start(client, unguarded, settings, threads, leaderElection, namespaces, prefixes, Metrics.NOOP);
    }

    /** @param metrics JOSDK's metrics hook (the benchmark counts reconciles with it) */
    public static TestOperator startWithMetrics(KubernetesClient client, ArtifactStores store, OperatorSettings settings,
                                                int threads, Metrics metrics) {
        return start(client, store, settings, threads, null, Set.of(), AllowedPrefixes.ANYTHING, metrics);
    }

    private static TestOperator start(KubernetesClient client, ArtifactStores unguarded, OperatorSettings settings, int threads,
                                     io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration leaderElection,
                                     Set<String> namespaces, AllowedPrefixes prefixes, Metrics metrics) {
        Clock clock = Clock.systemUTC();
        ArtifactStores store = new PrefixGuardedStores(unguarded, prefixes);
        ArtifactReader reader = new ArtifactReader(store);
        EventRecorder events = new EventRecorder(client, clock);
        Operator operator = new Operator(o -> o.withKubernetesClient(client)
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withCloseClientOnStop(false)
                .withConcurrentReconciliationThreads(threads)
                .withLeaderElectionConfiguration(leaderElection)
                .withMetrics(metrics));
        operator.register(new TrainingJobReconciler(new TrainingJobValidator(reader, PodPolicy.OPEN, prefixes), new ArtifactVerifier(reader),
                new TrainingStatusBuilder(reader, clock),
                new ClusterActions(), new ArtifactCleanup(store, reader), events, settings), o -> watch(o, namespaces));
        TrainingJobFeed trainingJobFeed = new TrainingJobFeed();
        operator.register(new GeneratorReconciler(new GeneratorValidator(PodPolicy.OPEN, prefixes), new ModelResolver(reader),
                new GeneratorStatusBuilder(clock), events, settings, trainingJobFeed), o -> watch(o, namespaces));
        operator.register(new BatchReconciler(new BatchValidator(PodPolicy.OPEN, prefixes), new ModelResolver(reader), new BatchProgress(reader),
                new BatchStatusBuilder(clock), events, settings, trainingJobFeed), o -> watch(o, namespaces));
        operator.start();
        return new TestOperator(operator);
    }

    private static void watch(ControllerConfigurationOverrider<?> override, Set<String> namespaces) {
        if (!namespaces.isEmpty()) {
            override.settingNamespaces(namespaces);
        }
    }

    /** Installs the committed CRDs (crds/) into the API server, as `kubectl apply -f crds/` would. */
    public static void installCrds(KubernetesClient client) throws Exception {
        try (Stream<Path> files = Files.list(crdDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
                client.apiextensions().v1().customResourceDefinitions().load(f.toFile()).create();
            }
        }
    }

    public static Path crdDir() {
        return new File("..", "crds").toPath();
    }

    @Override
    public void close() {
        operator.stop();
    }
}

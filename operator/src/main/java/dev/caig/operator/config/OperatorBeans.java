package dev.caig.operator.config;

import java.time.Clock;
import java.util.List;

import dev.caig.operator.events.EventRecorder;
import dev.caig.operator.generator.GeneratorStatusBuilder;
import dev.caig.operator.batch.BatchProgress;
import dev.caig.operator.batch.BatchStatusBuilder;
import dev.caig.operator.generator.ModelResolver;
import dev.caig.operator.modelsource.TrainingJobFeed;
import dev.caig.operator.store.AllowedPrefixes;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.store.ArtifactStores;
import dev.caig.operator.store.PrefixGuardedStores;
import dev.caig.operator.store.SecretArtifactStores;
import dev.caig.operator.trainingjob.ArtifactCleanup;
import dev.caig.operator.trainingjob.ArtifactVerifier;
import dev.caig.operator.trainingjob.ClusterActions;
import dev.caig.operator.trainingjob.TrainingStatusBuilder;
import dev.caig.operator.validation.BatchValidator;
import dev.caig.operator.validation.GeneratorValidator;
import dev.caig.operator.validation.PodPolicy;
import dev.caig.operator.validation.TrainingJobValidator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the plain collaborators of the reconcilers; tests replace ArtifactStores with a fake (@DefaultBean). */
@ApplicationScoped
public class OperatorBeans {
    @Produces
    @Singleton
    OperatorSettings settings(OperatorConfig config) {
        return OperatorSettings.from(config);
    }

    /** Each resource's store is opened with its own credentials Secret: the operator holds no store keys. */
    @Produces
    @Singleton
    @DefaultBean
    ArtifactStores artifactStores(KubernetesClient client, OperatorSettings settings) {
        return new SecretArtifactStores(client, settings);
    }

    @Produces
    @Singleton
    PodPolicy podPolicy(OperatorConfig config) {
        OperatorConfig.PodPolicyConfig p = config.podPolicy();
        return new PodPolicy(p.allowedImages().orElse(List.of()), p.allowedServiceAccounts().orElse(List.of()),
                p.allowedPriorityClasses().orElse(List.of()));
    }

    /** A malformed entry stops the operator at start with one line naming the setting and the entry. */
    @Produces
    @Singleton
    AllowedPrefixes allowedPrefixes(OperatorConfig config) {
        return AllowedPrefixes.parse(config.storeScope().allowedPrefixes().orElse(List.of()),
                config.storeScope().allowUnlistedNamespaces());
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ArtifactReader artifactReader(ArtifactStores stores, AllowedPrefixes prefixes) {
        return new ArtifactReader(new PrefixGuardedStores(stores, prefixes));
    }

    @Produces
    @Singleton
    EventRecorder eventRecorder(KubernetesClient client, Clock clock) {
        return new EventRecorder(client, clock);
    }

    @Produces
    @Singleton
    TrainingJobValidator trainingJobValidator(ArtifactReader reader, PodPolicy podPolicy, AllowedPrefixes prefixes) {
        return new TrainingJobValidator(reader, podPolicy, prefixes);
    }

    @Produces
    @Singleton
    ArtifactVerifier artifactVerifier(ArtifactReader reader) {
        return new ArtifactVerifier(reader);
    }

    @Produces
    @Singleton
    TrainingStatusBuilder trainingStatusBuilder(ArtifactReader reader, Clock clock) {
        return new TrainingStatusBuilder(reader, clock);
    }

    @Produces
    @Singleton
    ClusterActions clusterActions() {
        return new ClusterActions();
    }

    @Produces
    @Singleton
    ArtifactCleanup artifactCleanup(ArtifactStores stores, ArtifactReader reader, AllowedPrefixes prefixes) {
        return new ArtifactCleanup(new PrefixGuardedStores(stores, prefixes), reader);
    }

    @Produces
    @Singleton
    GeneratorValidator generatorValidator(PodPolicy podPolicy, AllowedPrefixes prefixes) {
        return new GeneratorValidator(podPolicy, prefixes);
    }

    @Produces
    @Singleton
    ModelResolver modelResolver(ArtifactReader reader) {
        return new ModelResolver(reader);
    }

    @Produces
    @Singleton
    GeneratorStatusBuilder generatorStatusBuilder(Clock clock) {
        return new GeneratorStatusBuilder(clock);
    }

    @Produces
    @Singleton
    BatchValidator batchValidator(PodPolicy podPolicy, AllowedPrefixes prefixes) {
        return new BatchValidator(podPolicy, prefixes);
    }

    @Produces
    @Singleton
    BatchProgress batchProgress(ArtifactReader reader) {
        return new BatchProgress(reader);
    }

    /** The generator and batch controllers' one informer on training jobs. */
    @Produces
    @Singleton
    TrainingJobFeed trainingJobFeed() {
        return new TrainingJobFeed();
    }

    @Produces
    @Singleton
    BatchStatusBuilder batchStatusBuilder(Clock clock) {
        return new BatchStatusBuilder(clock);
    }
}

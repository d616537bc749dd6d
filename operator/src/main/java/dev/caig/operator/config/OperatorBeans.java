package dev.caig.operator.config;

import java.time.Clock;
import java.util.List;

import dev.caig.operator.events.EventRecorder;
import dev.caig.operator.generator.GeneratorStatusBuilder;
import dev.caig.operator.batch.BatchProgress;
import dev.caig.operator.batch.BatchStatusBuilder;
import dev.caig.operator.generator.ModelResolver;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.store.ArtifactStores;
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

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ArtifactReader artifactReader(ArtifactStores stores) {
        return new ArtifactReader(stores);
    }

    @Produces
    @Singleton
    EventRecorder eventRecorder(KubernetesClient client, Clock clock) {
        return new EventRecorder(client, clock);
    }

    @Produces
    @Singleton
    TrainingJobValidator trainingJobValidator(ArtifactReader reader, PodPolicy podPolicy) {
        return new TrainingJobValidator(reader, podPolicy);
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
    ArtifactCleanup artifactCleanup(ArtifactStores stores, ArtifactReader reader) {
        return new ArtifactCleanup(stores, reader);
    }

    @Produces
    @Singleton
    GeneratorValidator generatorValidator(PodPolicy podPolicy) {
        return new GeneratorValidator(podPolicy);
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
    BatchValidator batchValidator(PodPolicy podPolicy) {
        return new BatchValidator(podPolicy);
    }

    @Produces
    @Singleton
    BatchProgress batchProgress(ArtifactReader reader) {
        return new BatchProgress(reader);
    }

    @Produces
    @Singleton
    BatchStatusBuilder batchStatusBuilder(Clock clock) {
        return new BatchStatusBuilder(clock);
    }
}

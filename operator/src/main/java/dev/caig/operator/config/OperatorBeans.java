package dev.caig.operator.config;

import java.time.Clock;

import org.jboss.logging.Logger;

import dev.caig.operator.events.EventRecorder;
import dev.caig.operator.generator.GeneratorStatusBuilder;
import dev.caig.operator.batch.BatchProgress;
import dev.caig.operator.batch.BatchStatusBuilder;
import dev.caig.operator.generator.ModelResolver;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.store.ArtifactStore;
import dev.caig.operator.store.MinioArtifactStore;
import dev.caig.operator.store.UnconfiguredArtifactStore;
import dev.caig.operator.trainingjob.ArtifactCleanup;
import dev.caig.operator.trainingjob.ArtifactVerifier;
import dev.caig.operator.trainingjob.ClusterActions;
import dev.caig.operator.trainingjob.TrainingStatusBuilder;
import dev.caig.operator.validation.BatchValidator;
import dev.caig.operator.validation.GeneratorValidator;
import dev.caig.operator.validation.TrainingJobValidator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the plain collaborators of the reconcilers; tests replace ArtifactStore with a fake (@DefaultBean). */
@ApplicationScoped
public class OperatorBeans {
    private static final Logger LOG = Logger.getLogger(OperatorBeans.class);

    @Produces
    @Singleton
    OperatorSettings settings(OperatorConfig config) {
        return OperatorSettings.from(config);
    }

    @Produces
    @Singleton
    @DefaultBean
    ArtifactStore artifactStore(OperatorConfig config) {
        OperatorConfig.Store store = config.store();
        if (store.accessKey().isEmpty() || store.secretKey().isEmpty()) {
            LOG.warn("no store credentials configured: manifests cannot be read and cleanupPolicy Delete cannot work");
            return new UnconfiguredArtifactStore();
        }
        LOG.infof("artifact store at %s (region %s)", store.endpoint(), store.region());
        return new MinioArtifactStore(store.endpoint(), store.region(), store.accessKey().get(), store.secretKey().get());
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ArtifactReader artifactReader(ArtifactStore store) {
        return new ArtifactReader(store);
    }

    @Produces
    @Singleton
    EventRecorder eventRecorder(KubernetesClient client, Clock clock) {
        return new EventRecorder(client, clock);
    }

    @Produces
    @Singleton
    TrainingJobValidator trainingJobValidator(ArtifactReader reader) {
        return new TrainingJobValidator(reader);
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
    ArtifactCleanup artifactCleanup(ArtifactStore store) {
        return new ArtifactCleanup(store);
    }

    @Produces
    @Singleton
    GeneratorValidator generatorValidator() {
        return new GeneratorValidator();
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
    BatchValidator batchValidator() {
        return new BatchValidator();
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

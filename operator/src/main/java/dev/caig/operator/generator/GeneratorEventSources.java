package dev.caig.operator.generator;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;

/** Informers for a generator's Deployment, Service and HPA, and for the training jobs generators refer to. */
public final class GeneratorEventSources {
    static final String MANAGED = ResourceNames.MANAGED_BY + "=" + ResourceNames.OPERATOR + "," + ResourceNames.GENERATOR_LABEL;

    private GeneratorEventSources() {
    }

    public static List<EventSource<?, AdImageGenerator>> create(EventSourceContext<AdImageGenerator> context) {
        var deployments = new InformerEventSource<>(InformerEventSourceConfiguration.from(Deployment.class, AdImageGenerator.class)
                .withLabelSelector(MANAGED)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(AdImageGenerator.class)).build(), context);
        var services = new InformerEventSource<>(InformerEventSourceConfiguration.from(Service.class, AdImageGenerator.class)
                .withLabelSelector(MANAGED)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(AdImageGenerator.class)).build(), context);
        var autoscalers = new InformerEventSource<>(InformerEventSourceConfiguration.from(HorizontalPodAutoscaler.class, AdImageGenerator.class)
                .withLabelSelector(MANAGED)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(AdImageGenerator.class)).build(), context);
        // A training job change (e.g. a new model digest) wakes every generator in its namespace that refers to it.
        var trainingJobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(AdImageTrainingJob.class, AdImageGenerator.class)
                .withSecondaryToPrimaryMapper((AdImageTrainingJob tj) -> context.getPrimaryCache()
                        .list(tj.getMetadata().getNamespace())
                        .filter(g -> g.getSpec() != null && g.getSpec().getModel() != null
                                && tj.getMetadata().getName().equals(g.getSpec().getModel().getTrainingJobRef()))
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<AdImageGenerator>) g ->
                        g.getSpec() == null || g.getSpec().getModel() == null || g.getSpec().getModel().getTrainingJobRef() == null
                                ? Set.of()
                                : Set.of(new ResourceID(g.getSpec().getModel().getTrainingJobRef(), g.getMetadata().getNamespace())))
                .build(), context);
        return List.of(deployments, services, autoscalers, trainingJobs);
    }
}

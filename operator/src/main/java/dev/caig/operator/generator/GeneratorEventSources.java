package dev.caig.operator.generator;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/** Informers beyond the dependents' own (generator/dependent): the training jobs generators refer to. */
public final class GeneratorEventSources {
    private GeneratorEventSources() {
    }

    public static List<EventSource<?, AdImageGenerator>> create(EventSourceContext<AdImageGenerator> context) {
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
        return List.of(trainingJobs);
    }
}

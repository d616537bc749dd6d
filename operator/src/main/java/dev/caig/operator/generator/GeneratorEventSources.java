package dev.caig.operator.generator;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.generator.dependent.GeneratorLabels;
import dev.caig.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/** Informers beyond the dependents' own (generator/dependent): the training jobs generators refer to, their pods. */
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
        // The generator's pods (owned by ReplicaSets, not by the generator): to say why a rollout waits.
        var pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, AdImageGenerator.class)
                .withLabelSelector(GeneratorLabels.MANAGED)
                .withSecondaryToPrimaryMapper((Pod pod) -> {
                    String generator = pod.getMetadata().getLabels().get(ResourceNames.GENERATOR_LABEL);
                    return context.getPrimaryCache().list(pod.getMetadata().getNamespace())
                            .filter(g -> ResourceNames.labelValue(g.getMetadata().getName()).equals(generator))
                            .map(ResourceID::fromResource).collect(Collectors.toSet());
                })
                .build(), context);
        return List.of(trainingJobs, pods);
    }
}

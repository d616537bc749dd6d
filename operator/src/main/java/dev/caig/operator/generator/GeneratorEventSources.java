package dev.caig.operator.generator;

import java.util.List;
import java.util.stream.Collectors;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.generator.dependent.GeneratorLabels;
import dev.caig.operator.modelsource.TrainingJobFeed;
import dev.caig.operator.modelsource.TrainingJobRefIndex;
import dev.caig.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/** Informers beyond the dependents' own (generator/dependent): the training jobs generators refer to, their pods. */
public final class GeneratorEventSources {
    static final String GENERATOR_LABEL_INDEX = "generatorLabel";

    private GeneratorEventSources() {
    }

    public static List<EventSource<?, AdImageGenerator>> create(EventSourceContext<AdImageGenerator> context,
            TrainingJobFeed trainingJobFeed) {
        // A training job change (e.g. a new model digest) wakes the generators of its namespace that refer to it.
        TrainingJobRefIndex<AdImageGenerator> refs = TrainingJobRefIndex.register(context.getPrimaryCache(),
                g -> g.getSpec() == null ? null : g.getSpec().getModel());
        var trainingJobs = trainingJobFeed.eventSource(context, refs, "generator-training-jobs");
        // The generator's pods (owned by ReplicaSets, not by the generator): to say why a rollout waits. They carry
        // the generator's label value (a long name is shortened), found through an index as well.
        context.getPrimaryCache().addIndexer(GENERATOR_LABEL_INDEX,
                g -> List.of(g.getMetadata().getNamespace() + "/" + ResourceNames.labelValue(g.getMetadata().getName())));
        var pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, AdImageGenerator.class)
                .withLabelSelector(GeneratorLabels.MANAGED)
                .withSecondaryToPrimaryMapper((Pod pod) -> {
                    String generator = pod.getMetadata().getLabels().get(ResourceNames.GENERATOR_LABEL);
                    return context.getPrimaryCache().byIndex(GENERATOR_LABEL_INDEX, pod.getMetadata().getNamespace() + "/" + generator)
                            .stream().map(ResourceID::fromResource).collect(Collectors.toSet());
                })
                .build(), context);
        return List.of(trainingJobs, pods);
    }
}

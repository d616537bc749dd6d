package dev.caig.operator.trainingjob;

import java.util.List;
import java.util.Set;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;

/** Informers on what a training job owns: stage Jobs, their pods (for "why it waits") and the config ConfigMap. */
public final class TrainingJobEventSources {
    /** Only objects this operator made, so the caches stay small on a busy cluster. */
    static final String MANAGED = ResourceNames.MANAGED_BY + "=" + ResourceNames.OPERATOR + "," + ResourceNames.TRAINING_JOB_LABEL;

    private TrainingJobEventSources() {
    }

    public static List<EventSource<?, AdImageTrainingJob>> create(EventSourceContext<AdImageTrainingJob> context) {
        var jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, AdImageTrainingJob.class)
                .withLabelSelector(MANAGED)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(AdImageTrainingJob.class))
                .build(), context);
        var configMaps = new InformerEventSource<>(InformerEventSourceConfiguration.from(ConfigMap.class, AdImageTrainingJob.class)
                .withLabelSelector(MANAGED)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(AdImageTrainingJob.class))
                .build(), context);
        // Pods are owned by Jobs, not by the training job: map them back by the annotation on the pod template.
        var pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, AdImageTrainingJob.class)
                .withLabelSelector(MANAGED + "," + ResourceNames.STAGE_LABEL)
                .withSecondaryToPrimaryMapper((Pod pod) -> {
                    var annotations = pod.getMetadata().getAnnotations();
                    String owner = annotations == null ? null : annotations.get(StageJobFactory.OWNER_ANNOTATION);
                    return owner == null ? Set.of() : Set.of(new ResourceID(owner, pod.getMetadata().getNamespace()));
                })
                .build(), context);
        return List.of(jobs, configMaps, pods);
    }
}

package dev.caig.operator.batch;

import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.modelsource.TrainingJobFeed;
import dev.caig.operator.modelsource.TrainingJobRefIndex;
import dev.caig.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;

import java.util.List;

/** Informers for a batch's two Jobs and for the training jobs batches take their model from. */
public final class BatchEventSources {
    static final String MANAGED = ResourceNames.MANAGED_BY + "=" + ResourceNames.OPERATOR + "," + ResourceNames.BATCH_LABEL;

    private BatchEventSources() {
    }

    public static List<EventSource<?, AdImageBatch>> create(EventSourceContext<AdImageBatch> context,
            TrainingJobFeed trainingJobFeed) {
        var jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, AdImageBatch.class)
                .withName("batch-jobs")
                .withLabelSelector(MANAGED)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(AdImageBatch.class)).build(), context);
        // A training job that finishes (a new model) wakes the batches waiting for it.
        TrainingJobRefIndex<AdImageBatch> refs = TrainingJobRefIndex.register(context.getPrimaryCache(),
                b -> b.getSpec() == null ? null : b.getSpec().getModel());
        var trainingJobs = trainingJobFeed.eventSource(context, refs, "batch-training-jobs");
        return List.of(jobs, trainingJobs);
    }
}

package dev.caig.operator.modelsource;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/** The training job informer of the controller that prepared its event sources first; passes each change on. */
final class SharedTrainingJobInformer<P extends HasMetadata> extends InformerEventSource<AdImageTrainingJob, P> {
    private final TrainingJobFeed feed;

    SharedTrainingJobInformer(InformerEventSourceConfiguration<AdImageTrainingJob> configuration,
            EventSourceContext<P> context, TrainingJobFeed feed) {
        super(configuration, context);
        this.feed = feed;
    }

    @Override
    public void onAdd(AdImageTrainingJob trainingJob) {
        super.onAdd(trainingJob);
        feed.changed(trainingJob);
    }

    @Override
    public void onUpdate(AdImageTrainingJob before, AdImageTrainingJob trainingJob) {
        super.onUpdate(before, trainingJob);
        feed.changed(trainingJob);
    }

    @Override
    public void onDelete(AdImageTrainingJob trainingJob, boolean deletedFinalStateUnknown) {
        super.onDelete(trainingJob, deletedFinalStateUnknown);
        feed.changed(trainingJob);
    }
}

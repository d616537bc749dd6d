package dev.caig.operator.modelsource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;

/**
 * One informer on AdImageTrainingJob for every controller whose resources take their model from a training job
 * (generators and batches), instead of one per controller: each training job change is parsed and cached once for
 * all of them (each copy held every training job of the watched namespaces). The first controller to prepare its
 * event sources gets the informer as an event source of its own (JOSDK starts, syncs and stops it with that
 * controller); each later one gets a follower, woken by the same changes and reading the same cache. They must watch
 * the same namespaces: the operator has one namespace setting for all its controllers.
 */
public final class TrainingJobFeed {
    private final List<TrainingJobFollower<?>> followers = new CopyOnWriteArrayList<>();
    private SharedTrainingJobInformer<?> informer;

    /**
     * The event source through which a controller's resources are woken by, and read, the training jobs they refer to.
     * Call from Reconciler.prepareEventSources.
     */
    public synchronized <P extends HasMetadata> EventSource<AdImageTrainingJob, P> eventSource(EventSourceContext<P> context,
            TrainingJobRefIndex<P> refs, String name) {
        if (informer == null) {
            SharedTrainingJobInformer<P> own = new SharedTrainingJobInformer<>(
                    InformerEventSourceConfiguration.from(AdImageTrainingJob.class, context.getPrimaryResourceClass())
                            .withName(name)
                            .withSecondaryToPrimaryMapper(refs::referring)
                            .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<P>) refs::referenced)
                            .build(),
                    context, this);
            informer = own;
            return own;
        }
        TrainingJobFollower<P> follower = new TrainingJobFollower<>(name, refs, informer);
        followers.add(follower);
        return follower;
    }

    /** Called by the informer after each add, update and delete (its own controller has been told already). */
    void changed(AdImageTrainingJob trainingJob) {
        followers.forEach(f -> f.changed(trainingJob));
    }
}

package dev.caig.operator.modelsource;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * A controller's view of another controller's training job informer: wakes the resources that refer to a changed
 * training job, and reads training jobs from that informer's cache. Changes seen before this controller runs are not
 * passed on: a starting controller reconciles all its resources, reading the cache as it is then (a training job the
 * shared informer has not listed yet comes as a change later).
 */
final class TrainingJobFollower<P extends HasMetadata> extends AbstractEventSource<AdImageTrainingJob, P> {
    private final TrainingJobRefIndex<P> refs;
    private final InformerEventSource<AdImageTrainingJob, ?> informer;

    TrainingJobFollower(String name, TrainingJobRefIndex<P> refs, InformerEventSource<AdImageTrainingJob, ?> informer) {
        super(AdImageTrainingJob.class, name);
        this.refs = refs;
        this.informer = informer;
    }

    void changed(AdImageTrainingJob trainingJob) {
        if (isRunning()) {
            refs.referring(trainingJob).forEach(id -> getEventHandler().handleEvent(new Event(id)));
        }
    }

    @Override
    public Set<AdImageTrainingJob> getSecondaryResources(P primary) {
        return refs.referenced(primary).stream().map(informer::get).flatMap(Optional::stream).collect(Collectors.toSet());
    }
}

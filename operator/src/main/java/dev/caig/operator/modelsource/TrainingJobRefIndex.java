package dev.caig.operator.modelsource;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.ModelSourceSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;

/**
 * Which resources (generators, batches) take their model from a training job (spec.model.trainingJobRef), read from an
 * index on the controller's own cache: a training job's event (every status patch) costs one lookup instead of a pass
 * over every resource of its namespace.
 */
public final class TrainingJobRefIndex<P extends HasMetadata> {
    static final String NAME = "spec.model.trainingJobRef";

    private final IndexerResourceCache<P> cache;
    private final Function<P, ModelSourceSpec> model;

    private TrainingJobRefIndex(IndexerResourceCache<P> cache, Function<P, ModelSourceSpec> model) {
        this.cache = cache;
        this.model = model;
    }

    /** Adds the index to the cache; call while the event sources are prepared (before the informer starts). */
    public static <P extends HasMetadata> TrainingJobRefIndex<P> register(IndexerResourceCache<P> cache,
            Function<P, ModelSourceSpec> model) {
        TrainingJobRefIndex<P> index = new TrainingJobRefIndex<>(cache, model);
        cache.addIndexer(NAME, p -> index.ref(p).map(ref -> List.of(key(p.getMetadata().getNamespace(), ref)))
                .orElse(List.of()));
        return index;
    }

    /** The resources that refer to this training job (same namespace). */
    public Set<ResourceID> referring(AdImageTrainingJob trainingJob) {
        return cache.byIndex(NAME, key(trainingJob.getMetadata().getNamespace(), trainingJob.getMetadata().getName()))
                .stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    /** The training job this resource refers to, if any. */
    public Set<ResourceID> referenced(P resource) {
        return ref(resource).map(ref -> Set.of(new ResourceID(ref, resource.getMetadata().getNamespace())))
                .orElse(Set.of());
    }

    private Optional<String> ref(P resource) {
        ModelSourceSpec source = model.apply(resource);
        return Optional.ofNullable(source == null ? null : source.getTrainingJobRef());
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}

package dev.caig.operator.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.modelsource.TrainingJobRefIndex;
import dev.caig.operator.testing.Samples;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;

/**
 * A training job's event finds the generators (and batches: the same class) that take their model from it through an
 * index on the controller's cache, never by listing the cache: a status patch of one training job must not cost a
 * pass over every generator of the namespace.
 */
class TrainingJobRefIndexTest {

    @Test
    void aTrainingJobMapsToTheResourcesOfItsNamespaceThatReferToItWithoutListingTheCache() {
        IndexOnlyCache<AdImageGenerator> cache = new IndexOnlyCache<>();
        TrainingJobRefIndex<AdImageGenerator> index = TrainingJobRefIndex.register(cache, g -> g.getSpec().getModel());
        cache.add(Samples.generator("team-a", "beauty", "tj-1"));
        cache.add(Samples.generator("team-a", "shoes", "tj-1"));
        cache.add(Samples.generator("team-a", "toys", "tj-2"));
        cache.add(Samples.generator("team-b", "beauty", "tj-1"));
        cache.add(Samples.generatorOfUris("team-a", "by-uri"));

        assertEquals(Set.of(new ResourceID("beauty", "team-a"), new ResourceID("shoes", "team-a")),
                index.referring(Samples.trainingJob("team-a", "tj-1")));
        assertEquals(Set.of(new ResourceID("beauty", "team-b")), index.referring(Samples.trainingJob("team-b", "tj-1")));
        assertEquals(Set.of(), index.referring(Samples.trainingJob("team-a", "tj-3")));
        assertEquals(Set.of(new ResourceID("tj-2", "team-a")), index.referenced(Samples.generator("team-a", "toys", "tj-2")));
        assertEquals(Set.of(), index.referenced(Samples.generatorOfUris("team-a", "by-uri")));
    }

    /** A cache that answers only through its indexes: any list (a scan of every resource) fails the test. */
    private static final class IndexOnlyCache<T extends io.fabric8.kubernetes.api.model.HasMetadata>
            implements IndexerResourceCache<T> {
        private final List<T> items = new ArrayList<>();
        private final Map<String, Function<T, List<String>>> indexers = new HashMap<>();

        void add(T item) {
            items.add(item);
        }

        @Override
        public void addIndexers(Map<String, Function<T, List<String>>> more) {
            indexers.putAll(more);
        }

        @Override
        public List<T> byIndex(String indexName, String key) {
            Function<T, List<String>> indexer = indexers.get(indexName);
            if (indexer == null) {
                throw new AssertionError("no index " + indexName);
            }
            return items.stream().filter(i -> indexer.apply(i).contains(key)).toList();
        }

        @Override
        public Stream<T> list(String namespace, Predicate<T> predicate) {
            throw new AssertionError("listed every resource of namespace " + namespace);
        }

        @Override
        public Stream<T> list(Predicate<T> predicate) {
            throw new AssertionError("listed every resource");
        }

        @Override
        public Optional<T> get(ResourceID id) {
            throw new AssertionError("not used by the index");
        }

        @Override
        public Stream<ResourceID> keys() {
            throw new AssertionError("not used by the index");
        }
    }
}

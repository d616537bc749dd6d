package dev.caig.operator.bench;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.crud.Value;

/**
 * The Fabric8 mock API server's CRUD store with a lookup by resource plural and name, as a real API server reads an
 * object by its key. The stock store finds the object of every create, patch and update by testing each stored
 * object in turn (KubernetesCrudDispatcher.findResource): each write costs time in proportion to all that is
 * stored, so N training jobs cost the mock server about N squared. The answers are the same: the candidates are the
 * stored objects with that plural and name, tested with the stock match. Lists, gets, deletes and watches are
 * unchanged (they still test every object).
 */
class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

    /** How a create, patch or update finds its object: the stock scan, or the index (the default). */
    enum Lookup {
        SCAN,
        INDEX
    }

    /** What a stored object is found by: the values of its plural and name attributes. */
    private record Key(List<Value> plural, List<Value> name) {
    }

    private final Map<Key, Set<AttributeSet>> byKey = new HashMap<>();
    /** The stock store, wrapped so that every change to it (put, remove, clear) updates the index too. */
    private final Map<AttributeSet, String> store;
    private final Lookup lookup;

    IndexedCrudDispatcher(Lookup lookup) {
        this.lookup = lookup;
        store = Collections.synchronizedMap(new IndexingMap());
        replaceStore(store);
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        Optional<Key> key = lookup == Lookup.INDEX ? key(query, AttributeType.WITH) : Optional.empty();
        if (key.isEmpty()) {
            return super.findResource(query);
        }
        synchronized (store) {
            for (AttributeSet candidate : byKey.getOrDefault(key.get(), Set.of())) {
                if (candidate.matches(query)) {
                    return Map.entry(candidate, store.get(candidate));
                }
            }
            return null;
        }
    }

    /** True when the index holds exactly the stored objects that have a plural and a name (a check for tests). */
    boolean indexMatchesStore() {
        synchronized (store) {
            Set<AttributeSet> indexed = new LinkedHashSet<>();
            byKey.values().forEach(indexed::addAll);
            Set<AttributeSet> stored = new LinkedHashSet<>();
            store.keySet().stream().filter(a -> key(a, null).isPresent()).forEach(stored::add);
            return indexed.equals(stored);
        }
    }

    /** The key of a stored object (any attribute type) or of a query (only WITH: an exact plural and name). */
    private static Optional<Key> key(AttributeSet attributes, AttributeType required) {
        Attribute plural = attributes.getAttribute(KubernetesAttributesExtractor.PLURAL);
        Attribute name = attributes.getAttribute(KubernetesAttributesExtractor.NAME);
        if (plural == null || name == null) {
            return Optional.empty();
        }
        if (required != null && (plural.getType() != required || name.getType() != required)) {
            return Optional.empty();
        }
        return Optional.of(new Key(plural.getValues(), name.getValues()));
    }

    private void replaceStore(Map<AttributeSet, String> indexed) {
        try {
            // CrudDispatcher.map is final and written once, in its constructor: this runs before any request
            Field map = CrudDispatcher.class.getDeclaredField("map");
            map.setAccessible(true);
            map.set(this, indexed);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Fabric8 mock server keeps its store elsewhere: " + e, e);
        }
    }

    /** The store's map; every write also updates byKey (callers hold the synchronized wrapper's lock). */
    private final class IndexingMap extends LinkedHashMap<AttributeSet, String> {
        @Override
        public String put(AttributeSet attributes, String value) {
            key(attributes, null).ifPresent(k -> byKey.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(attributes));
            return super.put(attributes, value);
        }

        @Override
        public String remove(Object attributes) {
            String removed = super.remove(attributes);
            if (removed != null && attributes instanceof AttributeSet a) {
                key(a, null).ifPresent(k -> {
                    Set<AttributeSet> same = byKey.get(k);
                    same.remove(a);
                    if (same.isEmpty()) {
                        byKey.remove(k);
                    }
                });
            }
            return removed;
        }

        @Override
        public void putAll(Map<? extends AttributeSet, ? extends String> all) {
            all.forEach(this::put);
        }

        @Override
        public void clear() {
            byKey.clear();
            super.clear();
        }
    }
}

package dev.caig.operator.store;

/** Opens the artifact store of one scope (namespace + spec.store); an interface so that tests can fake the store. */
@FunctionalInterface
public interface ArtifactStores {

    /** The store as the scope's pods see it; throws when its Secret cannot be read (a retryable, named error). */
    ArtifactStore open(StoreScope scope) throws StoreException;
}

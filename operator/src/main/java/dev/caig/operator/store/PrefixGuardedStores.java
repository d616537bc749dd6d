package dev.caig.operator.store;

import java.util.Optional;

/**
 * Every store the operator opens, limited to the prefixes the resource's namespace may use (AllowedPrefixes): the
 * last line behind validation, so that no code path (a resource validated before the chart changed, cleanup of a
 * resource that never passed validation) reads or deletes outside them.
 */
public class PrefixGuardedStores implements ArtifactStores {
    private final ArtifactStores stores;
    private final AllowedPrefixes prefixes;

    public PrefixGuardedStores(ArtifactStores stores, AllowedPrefixes prefixes) {
        this.stores = stores;
        this.prefixes = prefixes;
    }

    @Override
    public ArtifactStore open(StoreScope scope) throws StoreException {
        ArtifactStore store = stores.open(scope);
        return new ArtifactStore() {
            @Override
            public Optional<byte[]> read(S3Uri object) throws StoreException {
                check(scope, object);
                return store.read(object);
            }

            @Override
            public int deletePrefix(S3Uri prefix) throws StoreException {
                check(scope, prefix);
                return store.deletePrefix(prefix);
            }
        };
    }

    private void check(StoreScope scope, S3Uri uri) throws OutsideStoreScopeException {
        if (!prefixes.allows(scope.namespace(), uri)) {
            throw new OutsideStoreScopeException(uri + " is outside the store prefixes namespace " + scope.namespace()
                    + " may use (operator setting " + AllowedPrefixes.SETTING + ")");
        }
    }
}

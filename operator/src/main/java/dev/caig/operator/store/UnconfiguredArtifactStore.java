package dev.caig.operator.store;

import java.util.Optional;

/** Used when the operator was given no store credentials: every call fails with a message that says so. */
public class UnconfiguredArtifactStore implements ArtifactStore {
    private static final String WHY = "the operator has no store credentials (set caig.store.access-key/secret-key from a Secret)";

    @Override
    public Optional<byte[]> read(S3Uri object) throws StoreException {
        throw new StoreException(WHY);
    }

    @Override
    public int deletePrefix(S3Uri prefix) throws StoreException {
        throw new StoreException(WHY);
    }
}

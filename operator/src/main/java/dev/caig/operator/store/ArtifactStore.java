package dev.caig.operator.store;

import java.util.Optional;

/** The few object-store operations the operator needs; an interface so that tests can fake the store. */
public interface ArtifactStore {

    /** The object's bytes, or empty when there is no such object. */
    Optional<byte[]> read(S3Uri object) throws StoreException;

    /** Deletes every object under the prefix (treated as a folder); returns how many were deleted. */
    int deletePrefix(S3Uri prefix) throws StoreException;
}

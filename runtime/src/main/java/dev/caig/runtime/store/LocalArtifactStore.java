package dev.caig.runtime.store;

import java.time.Clock;

/** Artifacts as plain local folders: the same semantics as S3 (files first, manifest last, checksums verified). */
public final class LocalArtifactStore extends BlobArtifactStore {
    public LocalArtifactStore() {
        this(null);
    }

    /** @param producerUid written into every manifest as {@code producerUid}; null for none */
    public LocalArtifactStore(String producerUid) {
        super(new LocalBlobs(), Clock.systemUTC(), producerUid);
    }
}

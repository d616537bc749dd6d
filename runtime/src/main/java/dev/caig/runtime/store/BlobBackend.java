package dev.caig.runtime.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The few object operations an artifact store needs. Everything that makes an artifact safe (checksums, manifest
 * last, verification) lives once in {@link BlobArtifactStore} on top of this, for every back end. Failures are
 * {@link dev.caig.runtime.CaigException}s that name the URI.
 */
public interface BlobBackend extends AutoCloseable {

    /** Which URIs this back end serves. */
    ArtifactUri.Scheme scheme();

    /** Copies a local file to one object, replacing it; big files go up in parts where the back end has them. */
    void upload(Path source, ArtifactUri target);

    /** Writes a small object in one go, replacing it. */
    void write(ArtifactUri target, byte[] bytes);

    /** Opens an object for reading; empty when there is none. The caller closes the stream. */
    Optional<InputStream> open(ArtifactUri object);

    /** Relative paths ('/'-separated, sorted) of every object below {@code prefix}; empty when there are none. */
    default List<String> list(ArtifactUri prefix) {
        return listFiles(prefix).stream().map(StoredFile::path).toList();
    }

    /** The objects of {@link #list} with their sizes, in the same order. */
    List<StoredFile> listFiles(ArtifactUri prefix);

    /** Removes one object; no error when it is already gone. */
    void delete(ArtifactUri object);

    /** Removes every object below {@code prefix}. */
    default void deleteAll(ArtifactUri prefix) {
        for (String rel : list(prefix)) {
            delete(prefix.resolve(rel));
        }
    }

    /**
     * Removes what a writer killed mid-way left under {@code prefix} that is no object (a local folder's
     * {@code .caig-tmp-*.part} files); S3 has nothing of the kind (an object appears whole or not at all).
     */
    default void removeLeftovers(ArtifactUri prefix) {
    }

    @Override
    void close();
}

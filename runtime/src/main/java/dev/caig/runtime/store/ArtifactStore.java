package dev.caig.runtime.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Artifacts: a prefix (S3) or folder (local) holding files and a {@code manifest.json} with the sha256 of each,
 * written last so that a reader never sees half an artifact and a crashed writer leaves none. Failures are
 * {@link dev.caig.runtime.CaigException}s whose one-line message names the URI and the problem.
 */
public interface ArtifactStore extends AutoCloseable {

    /**
     * Uploads every regular file under {@code localDir} (relative paths kept; a {@code manifest.json} at its top is
     * replaced), then writes the manifest last. Publishing over an existing artifact replaces it: its manifest goes
     * first, so readers see no artifact rather than a mix of old and new files.
     */
    default ArtifactManifest publish(Path localDir, ArtifactUri uri, String kind, String producer,
                                     Map<String, ?> config, Map<String, ? extends Number> metrics) {
        return publish(localDir, uri, kind, producer, config, metrics, Provenance.NONE);
    }

    /** As {@link #publish(Path, ArtifactUri, String, String, Map, Map)}, recording what the artifact was made from. */
    ArtifactManifest publish(Path localDir, ArtifactUri uri, String kind, String producer,
                             Map<String, ?> config, Map<String, ? extends Number> metrics, Provenance provenance);

    /**
     * Downloads the artifact into {@code localDir} and verifies every file's sha256; writes the manifest there
     * last. Fails when there is no manifest or a checksum differs, leaving no partial file behind as if good.
     */
    default ArtifactManifest fetch(ArtifactUri uri, Path localDir) {
        return fetch(uri, localDir, rel -> true);
    }

    /**
     * Downloads and verifies only the artifact's files whose relative path {@code files} accepts (what a reader
     * needs of a big artifact). A partial copy gets no manifest.json, which would vouch for files it lacks.
     */
    ArtifactManifest fetch(ArtifactUri uri, Path localDir, java.util.function.Predicate<String> files);

    /** The artifact's manifest, or empty when there is none (never written, or its writer did not finish). */
    Optional<ArtifactManifest> manifest(ArtifactUri uri);

    /** The artifact's manifest; fails with "no artifact at URI (no manifest.json): ..." when there is none. */
    default ArtifactManifest requireManifest(ArtifactUri uri) {
        return manifest(uri).orElseThrow(() -> BlobArtifactStore.noArtifact(uri));
    }

    /** True when a complete artifact (its manifest) is at {@code uri}. */
    default boolean exists(ArtifactUri uri) {
        return manifest(uri).isPresent();
    }

    /** Writes a small UTF-8 side file outside any manifest ({@code progress.json}, checkpoint markers). */
    void putText(ArtifactUri fileUri, String text);

    /** Reads a small UTF-8 side file; empty when there is none. */
    Optional<String> getText(ArtifactUri fileUri);

    /**
     * Copies one object that belongs to no artifact (a team's catalog, click log or image) to {@code target},
     * replacing it; false when there is no such object. The file appears only when complete.
     */
    boolean download(ArtifactUri fileUri, Path target);

    /** Uploads one local file as one object outside any artifact (a team's data file), replacing it. */
    void upload(Path source, ArtifactUri fileUri);

    /** Deletes an artifact: its manifest first (so it stops existing at once), then everything under the prefix. */
    void delete(ArtifactUri uri);

    /** Relative paths ('/'-separated, sorted) of every file under {@code prefix}, manifests and side files included. */
    List<String> list(ArtifactUri prefix);

    /** The files of {@link #list} with their sizes. */
    default List<StoredFile> listFiles(ArtifactUri prefix) {
        return list(prefix).stream().map(path -> new StoredFile(path, -1)).toList();
    }

    @Override
    void close();
}

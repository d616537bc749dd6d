package dev.caig.runtime.generate;

import java.util.Optional;

/**
 * Where a batch writes: a local folder or a store prefix. Every write is whole or absent (a file renamed into place,
 * an object put at once), so a shard killed at any moment leaves only complete files to resume from.
 */
public interface BatchOutput {

    /** The folder or URI, for messages. */
    String location();

    /** The file at {@code relative} ('/'-separated), or empty when there is none. */
    Optional<byte[]> read(String relative);

    default Optional<String> readText(String relative) {
        return read(relative).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }

    void write(String relative, byte[] bytes);

    /** Copies the file at {@code relative} to a local file (large files: a shard's rows); false when there is none. */
    boolean copyTo(String relative, java.nio.file.Path local);

    default void writeText(String relative, String text) {
        write(relative, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Moves a finished local file to {@code relative} (large files: manifests). */
    void put(String relative, java.nio.file.Path file);

    /** True when nothing is there yet. */
    boolean isEmpty();

    /** Deletes everything there (an earlier batch of other settings). */
    void clear();

    /** Where {@code relative} is, as a path or URI another reader can open. */
    String resolve(String relative);
}

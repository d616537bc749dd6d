package dev.caig.runtime.generate;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A batch's output under a store prefix (s3://bucket/batch/shards/3): what a pod writes so that its work outlives it.
 * Each file is one object put at once; files pass through a local work folder.
 */
public final class StoreOutput implements BatchOutput {

    private final ArtifactStore store;
    private final ArtifactUri prefix;
    private final Path work;

    public StoreOutput(ArtifactStore store, ArtifactUri prefix, Path work) {
        this.store = store;
        this.prefix = prefix;
        this.work = work;
    }

    /** A local folder for a local path, else the store prefix. */
    public static BatchOutput open(ArtifactStore store, String uri, Path work) {
        ArtifactUri parsed = ArtifactUri.parse(uri);
        return parsed.isLocal() ? new FolderOutput(parsed.path()) : new StoreOutput(store, parsed, work);
    }

    @Override
    public String location() {
        return prefix.toString();
    }

    @Override
    public Optional<byte[]> read(String relative) {
        Path temp = temp();
        try {
            return store.download(prefix.resolve(relative), temp) ? Optional.of(Files.readAllBytes(temp)) : Optional.empty();
        } catch (IOException e) {
            throw new CaigException(prefix.resolve(relative) + ": cannot read: " + e.getMessage(), e);
        } finally {
            delete(temp);
        }
    }

    @Override
    public void write(String relative, byte[] bytes) {
        Path temp = temp();
        try {
            Files.write(temp, bytes);
            store.upload(temp, prefix.resolve(relative));
        } catch (IOException e) {
            throw new CaigException(prefix.resolve(relative) + ": cannot write: " + e.getMessage(), e);
        } finally {
            delete(temp);
        }
    }

    @Override
    public boolean copyTo(String relative, Path local) {
        return store.download(prefix.resolve(relative), local);
    }

    @Override
    public void put(String relative, Path file) {
        store.upload(file, prefix.resolve(relative));
    }

    @Override
    public boolean isEmpty() {
        return store.list(prefix).isEmpty();
    }

    @Override
    public void clear() {
        store.delete(prefix);
    }

    @Override
    public String resolve(String relative) {
        return prefix.resolve(relative).toString();
    }

    private Path temp() {
        try {
            Files.createDirectories(work);
            return Files.createTempFile(work, "batch-", ".part");
        } catch (IOException e) {
            throw new CaigException(work + ": cannot make a work file: " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover work file is removed with the work folder
        }
    }
}

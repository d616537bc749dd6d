package dev.caig.runtime.stage;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.CatalogReader;
import dev.caig.runtime.data.ReferencedImages;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A team's catalog and click log as local files. Local paths are read where they are. An s3:// file is downloaded
 * with every image it names into a mirror of its bucket under the work folder ({@code <work>/<bucket>/<key>}), so
 * relative image paths resolve exactly as they do next to the original. A missing image is not an error here: the
 * validating readers list it with every other problem.
 */
public final class UserDataFiles {

    /**
     * A file ready to read.
     *
     * @param file   the local file (the original, or its downloaded copy)
     * @param source what the user named, for messages: the path or the s3:// URI
     */
    public record Local(Path file, String source) {
    }

    /** Downloads are bound by latency, not bandwidth: a few at a time keep a big catalog from taking hours. */
    private static final int PARALLEL_DOWNLOADS = 8;

    private final ArtifactStore store;
    private final Path mirror;

    /** @param workDir a folder for downloaded copies (a stage's work folder) */
    public UserDataFiles(ArtifactStore store, Path workDir) {
        this.store = store;
        this.mirror = workDir.toAbsolutePath().normalize();
    }

    /**
     * The catalog named by {@code uri}: a file, or a folder (prefix) holding {@code catalog.json} or the paper's
     * {@code tiny.json}. {@code field} names the setting in messages ({@code data.catalog}, {@code --catalog}).
     */
    public Local catalog(String uri, String field) {
        return catalog(uri, field, index -> true);
    }

    /** As {@link #catalog(String, String)}, fetching only the photos of the entries {@code selected} (a shard's). */
    public Local catalog(String uri, String field, java.util.function.IntPredicate selected) {
        ArtifactUri parsed = parse(uri, field);
        if (parsed.isLocal()) {
            Path located = CatalogReader.locate(parsed.path());
            return new Local(located, located.equals(parsed.path()) ? uri : located.toString());
        }
        ArtifactUri file = firstExisting(field, parsed, parsed.resolve(CatalogReader.CATALOG_FILE), parsed.resolve("tiny.json"));
        Path local = mirrorOf(file);
        fetchImages(field, file, local, selected);
        return new Local(local, file.toString());
    }

    /** The click log named by {@code uri}, with its creative images. */
    public Local clickLog(String uri, String field) {
        ArtifactUri parsed = parse(uri, field);
        if (parsed.isLocal()) {
            return new Local(parsed.path(), uri);
        }
        ArtifactUri file = firstExisting(field, parsed);
        Path local = mirrorOf(file);
        fetchImages(field, file, local, null);
        return new Local(local, file.toString());
    }

    private static ArtifactUri parse(String uri, String field) {
        try {
            return ArtifactUri.parse(uri);
        } catch (CaigException e) {
            throw new CaigException(field + ": " + e.getMessage(), e);
        }
    }

    /** Downloads the first of {@code candidates} that exists; fails with one line naming the first. */
    private ArtifactUri firstExisting(String field, ArtifactUri... candidates) {
        for (ArtifactUri candidate : candidates) {
            if (candidate.key().isEmpty()) {
                continue; // a bare bucket is no file
            }
            if (download(field, candidate)) {
                return candidate;
            }
        }
        String alternatives = candidates.length > 1 ? " (nor " + CatalogReader.CATALOG_FILE + " or tiny.json below it)" : "";
        throw new CaigException(field + ": " + candidates[0] + ": no such object" + alternatives);
    }

    /** @param catalogEntries the catalog entries whose photos to fetch; null for a click log */
    private void fetchImages(String field, ArtifactUri file, Path local, java.util.function.IntPredicate catalogEntries) {
        Set<String> images;
        try {
            images = catalogEntries != null ? ReferencedImages.ofCatalog(local, catalogEntries) : ReferencedImages.ofClickLog(local);
        } catch (IOException e) {
            throw new CaigException(field + ": cannot read the downloaded copy of " + file + ": " + e.getMessage(), e);
        }
        Set<ArtifactUri> objects = new LinkedHashSet<>();
        for (String image : images) {
            ArtifactUri object = sibling(file, image);
            if (object != null) {
                objects.add(object);
            }
        }
        downloadAll(field, file, new ArrayList<>(objects));
    }

    /**
     * {@code relative} resolved against the folder of {@code file} in the same bucket, ".." included; null when it
     * leaves the bucket or is not a valid key (the reader then reports the image as missing).
     */
    static ArtifactUri sibling(ArtifactUri file, String relative) {
        List<String> parts = new ArrayList<>(List.of(file.key().split("/")));
        parts.remove(parts.size() - 1);
        for (String part : relative.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        try {
            return ArtifactUri.s3(file.bucket(), String.join("/", parts));
        } catch (CaigException e) {
            return null;
        }
    }

    private void downloadAll(String field, ArtifactUri file, List<ArtifactUri> objects) {
        if (objects.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_DOWNLOADS, objects.size()), r -> {
            Thread t = new Thread(r, "caig-data-download");
            t.setDaemon(true);
            return t;
        });
        try (Progress progress = Progress.start("download " + file.fileName(), objects.size(), "files")) {
            ProgressInSteps steps = new ProgressInSteps(progress, objects.size());
            List<Future<?>> futures = new ArrayList<>();
            for (ArtifactUri object : objects) {
                futures.add(pool.submit(() -> {
                    download(field, object);
                    steps.oneDone();
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaigException(field + ": interrupted while downloading the images of " + file, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CaigException ce) {
                throw ce;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** True when the object exists and is now in the mirror. */
    private boolean download(String field, ArtifactUri object) {
        try {
            return store.download(object, mirrorOf(object));
        } catch (CaigException e) {
            throw new CaigException(field + ": " + e.getMessage(), e);
        }
    }

    private Path mirrorOf(ArtifactUri object) {
        return mirror.resolve(object.bucket()).resolve(object.key()).normalize();
    }
}

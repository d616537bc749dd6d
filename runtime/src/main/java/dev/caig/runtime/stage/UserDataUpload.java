package dev.caig.runtime.stage;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.ReferencedImages;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a team's local catalog and click log, with every image they name, under one prefix of a store, keeping
 * each image's path relative to its JSON file, so that {@link UserDataFiles} reads them back as they were. The JSON
 * files go last: a reader never finds a catalog whose images are still on their way.
 */
public final class UserDataUpload {

    /** Where the two files went. */
    public record Result(ArtifactUri catalog, ArtifactUri clickLog, int files) {
    }

    private final ArtifactStore store;

    public UserDataUpload(ArtifactStore store) {
        this.store = store;
    }

    /** @param clickLog null to upload the catalog only; both files must be valid local files */
    public Result upload(Path catalog, Path clickLog, ArtifactUri prefix) {
        Map<ArtifactUri, Path> images = new LinkedHashMap<>();
        ArtifactUri catalogTarget = plan(catalog, true, prefix, images);
        ArtifactUri logTarget = clickLog == null ? null : plan(clickLog, false, prefix, images);
        if (logTarget != null && logTarget.equals(catalogTarget)) {
            throw new CaigException(catalog + " and " + clickLog + " have the same file name; rename one of them");
        }
        int files = images.size() + (clickLog == null ? 1 : 2);
        try (Progress progress = Progress.start("upload", files, "files")) {
            ProgressInSteps steps = new ProgressInSteps(progress, files);
            for (Map.Entry<ArtifactUri, Path> image : images.entrySet()) {
                store.upload(image.getValue(), image.getKey());
                steps.oneDone();
            }
            if (logTarget != null) {
                store.upload(clickLog, logTarget);
                steps.oneDone();
            }
            store.upload(catalog, catalogTarget);
            steps.oneDone();
        }
        return new Result(catalogTarget, logTarget, files);
    }

    /** Adds the file's images to {@code images} (target to source) and returns the file's own target. */
    private static ArtifactUri plan(Path file, boolean catalog, ArtifactUri prefix, Map<ArtifactUri, Path> images) {
        Path dir = file.toAbsolutePath().normalize().getParent();
        List<String> outside = new ArrayList<>();
        try {
            for (String image : catalog ? ReferencedImages.ofCatalog(file) : ReferencedImages.ofClickLog(file)) {
                Path source = dir.resolve(image).normalize();
                if (!source.startsWith(dir)) {
                    outside.add(image);
                    continue;
                }
                ArtifactUri target = prefix.resolve(dir.relativize(source).toString().replace('\\', '/'));
                Path earlier = images.putIfAbsent(target, source);
                if (earlier != null && !earlier.equals(source)) {
                    throw new CaigException(target + ": both " + earlier + " and " + source + " would go here;"
                            + " put the catalog and the click log in one folder, or upload them to different prefixes");
                }
            }
        } catch (IOException e) {
            throw new CaigException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (!outside.isEmpty()) {
            throw new CaigException(file + ": " + outside.size() + " image paths leave the file's folder (e.g. "
                    + outside.get(0) + "); the store keeps paths relative to the file, so move the images below it");
        }
        return prefix.resolve(file.getFileName().toString());
    }
}

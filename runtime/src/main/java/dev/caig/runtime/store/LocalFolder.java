package dev.caig.runtime.store;

import dev.caig.runtime.CaigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files of a local folder to publish, by relative '/'-separated path. */
final class LocalFolder {
    private LocalFolder() {
    }

    /** Every regular file below {@code dir}, except a top-level manifest.json (publish writes a new one) and temp files. */
    static Map<String, Path> files(Path dir) {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(path -> {
                Path rel = dir.relativize(path);
                String key = rel.toString().replace('\\', '/');
                if (!key.equals(ArtifactManifest.FILE_NAME) && !LocalBlobs.isTemp(rel)) {
                    files.put(key, path);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new CaigException(dir + ": cannot list files to publish (" + e.getMessage() + ")", e);
        }
        return files;
    }
}

package dev.caig.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of the temporary folders the runtime makes (work folders, checkpoint staging, downloads). */
public final class TempFolders {
    private TempFolders() {
    }

    /**
     * Deletes a folder and everything in it, best effort: a leftover temporary folder is not worth failing a finished
     * command for. A path that does not exist is fine.
     */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort, see above
        }
    }
}

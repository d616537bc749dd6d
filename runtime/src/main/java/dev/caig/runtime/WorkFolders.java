package dev.caig.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every command's scratch folder lives under one root: {@code CAIG_WORK_DIR} when set (a pod's emptyDir), else
 * {@code <java.io.tmpdir>/caig-work}. A folder is named after the process that owns it
 * ({@code run-<pid>-<process start, ms>-<random>}), so a new run can tell the folders of killed runs (their
 * process is gone, or the pid now belongs to a process started at another time) from those of live ones, and
 * deletes the former before it starts. A run deletes its own folder when it ends.
 */
public final class WorkFolders {
    private static final Pattern RUN = Pattern.compile("run-(\\d+)-(\\d+)-.*");

    private final Path root;

    public WorkFolders(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The root for this process's environment. */
    public static WorkFolders fromEnvironment() {
        String configured = System.getenv("CAIG_WORK_DIR");
        return new WorkFolders(configured == null || configured.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "caig-work") : Path.of(configured));
    }

    public Path root() {
        return root;
    }

    /** Deletes the folders of dead runs, then makes this run's folder. */
    public Path newRunFolder() {
        try {
            Files.createDirectories(root);
            removeDeadRuns();
            return Files.createTempDirectory(root, "run-" + ProcessHandle.current().pid() + "-" + startMillis(ProcessHandle.current()) + "-");
        } catch (IOException e) {
            throw new CaigException(root + ": cannot create a work folder (set CAIG_WORK_DIR to a writable folder): "
                    + e.getMessage(), e);
        }
    }

    /** Deletes every run folder whose process is no longer alive; returns how many it deleted. */
    public int removeDeadRuns() {
        int removed = 0;
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "run-*")) {
            for (Path dir : entries) {
                Matcher m = RUN.matcher(dir.getFileName().toString());
                if (m.matches() && !alive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                    TempFolders.deleteQuietly(dir);
                    removed++;
                }
            }
        } catch (IOException e) {
            // cleaning is best effort: an unreadable root fails later, when the run makes its folder
        }
        return removed;
    }

    private static boolean alive(long pid, long startMillis) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        // A pid can be reused: a live process with another start time is not the run that made the folder.
        return process.isPresent() && process.get().isAlive() && startMillis(process.get()) == startMillis;
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }
}

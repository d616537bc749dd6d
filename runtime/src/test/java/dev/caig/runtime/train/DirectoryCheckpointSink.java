package dev.caig.runtime.train;

import dev.caig.runtime.CaigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps the latest checkpoint in a local folder. A new checkpoint is copied beside the old one and then swapped in
 * with a rename, so a crash mid-write never leaves a half checkpoint as "latest".
 */
public final class DirectoryCheckpointSink implements CheckpointSink {
    private final Path root;

    public DirectoryCheckpointSink(Path root) {
        this.root = root;
    }

    private Path current() {
        return root.resolve("latest");
    }

    @Override
    public Optional<Path> latest() {
        return Files.isRegularFile(current().resolve(TrainingState.FILE)) ? Optional.of(current()) : Optional.empty();
    }

    @Override
    public void save(Path dir) {
        try {
            Files.createDirectories(root);
            Path incoming = root.resolve("incoming");
            deleteTree(incoming);
            copyTree(dir, incoming);
            Path old = root.resolve("previous");
            deleteTree(old);
            if (Files.exists(current())) {
                Files.move(current(), old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(incoming, current(), StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw new CaigException("cannot save checkpoint to " + root + ": " + e.getMessage(), e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

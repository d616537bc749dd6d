package dev.caig.runtime.generate;

import dev.caig.runtime.CaigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** A batch's output in a local folder; files are written beside their place and renamed into it. */
public final class FolderOutput implements BatchOutput {

    private final Path folder;

    public FolderOutput(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new CaigException(folder + ": is a file, not a folder");
        }
        this.folder = folder;
    }

    @Override
    public String location() {
        return folder.toAbsolutePath().normalize().toString();
    }

    @Override
    public Optional<byte[]> read(String relative) {
        try {
            return Optional.of(Files.readAllBytes(folder.resolve(relative)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CaigException(folder.resolve(relative) + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String relative, byte[] bytes) {
        Path target = folder.resolve(relative);
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CaigException(target + ": cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean copyTo(String relative, Path local) {
        Path source = folder.resolve(relative);
        if (!Files.isRegularFile(source)) {
            return false;
        }
        try {
            Files.copy(source, local, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new CaigException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String relative, Path file) {
        Path target = folder.resolve(relative);
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CaigException(target + ": cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isEmpty() {
        if (!Files.isDirectory(folder)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new CaigException(folder + ": cannot list: " + e.getMessage(), e);
        }
    }

    @Override
    public void clear() {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                if (!p.equals(folder)) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new CaigException(folder + ": cannot clear the earlier output: " + e.getMessage(), e);
        }
    }

    @Override
    public String resolve(String relative) {
        return folder.resolve(relative).toString();
    }
}

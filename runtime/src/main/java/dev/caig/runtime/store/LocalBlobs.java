package dev.caig.runtime.store;

import dev.caig.runtime.CaigException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Objects as files in a local folder. Every write goes to a temporary file first and is then renamed into place. */
final class LocalBlobs implements BlobBackend {

    /** Names of in-flight temporary files and folders; never listed as objects. */
    static final String TEMP_PREFIX = ".caig-tmp-";

    @Override
    public ArtifactUri.Scheme scheme() {
        return ArtifactUri.Scheme.LOCAL;
    }

    @Override
    public void upload(Path source, ArtifactUri target) {
        Path dest = target.path();
        try {
            if (Files.exists(dest) && Files.isSameFile(source, dest)) {
                return; // publishing a folder in place: the file is already where it belongs
            }
            Path temp = tempSibling(dest);
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            moveIntoPlace(temp, dest);
        } catch (IOException e) {
            throw failure("cannot write", target, e);
        }
    }

    @Override
    public void write(ArtifactUri target, byte[] bytes) {
        Path dest = target.path();
        try {
            Path temp = tempSibling(dest);
            Files.write(temp, bytes);
            moveIntoPlace(temp, dest);
        } catch (IOException e) {
            throw failure("cannot write", target, e);
        }
    }

    @Override
    public Optional<InputStream> open(ArtifactUri object) {
        Path file = object.path();
        if (Files.isDirectory(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("cannot read", object, e);
        }
    }

    @Override
    public List<StoredFile> listFiles(ArtifactUri prefix) {
        Path root = prefix.path();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<StoredFile> out = new ArrayList<>();
            walk.filter(Files::isRegularFile)
                    .filter(p -> !isTemp(root.relativize(p)))
                    .forEach(p -> out.add(new StoredFile(root.relativize(p).toString().replace('\\', '/'), size(p))));
            out.sort(Comparator.comparing(StoredFile::path));
            return out;
        } catch (IOException | UncheckedIOException e) {
            throw new CaigException(prefix + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void delete(ArtifactUri object) {
        try {
            Files.deleteIfExists(object.path());
        } catch (DirectoryNotEmptyException e) {
            throw new CaigException(object + ": is a non-empty folder, not a file");
        } catch (IOException e) {
            throw failure("cannot delete", object, e);
        }
    }

    /** Removes the whole folder, temporary files and empty sub-folders included. */
    @Override
    public void deleteAll(ArtifactUri prefix) {
        Path root = prefix.path();
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new CaigException(prefix + ": cannot delete folder (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void removeLeftovers(ArtifactUri prefix) {
        Path root = prefix.path();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> temp = walk.filter(p -> !p.equals(root) && isTemp(root.relativize(p)))
                    .sorted(Comparator.reverseOrder()).toList();
            for (Path p : temp) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new CaigException(prefix + ": cannot remove the temporary files of an earlier cut-off write ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reported as "cannot list folder"
        }
    }

    static boolean isTemp(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(TEMP_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    private static Path tempSibling(Path dest) throws IOException {
        Files.createDirectories(dest.getParent());
        return Files.createTempFile(dest.getParent(), TEMP_PREFIX, ".part");
    }

    /** Rename is atomic on one file system, so a reader sees the old file or the new one, never half of one. */
    static void moveIntoPlace(Path temp, Path dest) throws IOException {
        try {
            Files.move(temp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static CaigException failure(String what, ArtifactUri uri, IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such file or folder: " + e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new CaigException(uri + ": " + what + " (" + reason + ")", e);
    }
}

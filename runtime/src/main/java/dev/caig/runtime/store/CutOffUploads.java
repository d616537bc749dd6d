package dev.caig.runtime.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded store's folder after a kill. S3Proxy's folder back end writes an object as {@code <name>-<uuid>}
 * beside its place, sets its checksum as an extended attribute and renames it; a kill in between leaves that file,
 * and from then on S3Proxy fails to list its folder ("Unable to get size of extended attribute 'user.content-md5'"),
 * so every later run failed too. Before a server starts, such files are removed, but only when no other process
 * uses the folder (one may be writing one right now): each server holds a shared lock on {@code <folder>.lock}
 * while it runs, and the cleaning takes it exclusively.
 */
final class CutOffUploads implements AutoCloseable {
    private static final Pattern TEMP = Pattern.compile(".+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String CHECKSUM_ATTRIBUTE = "content-md5";

    private final FileChannel channel;
    private final FileLock shared;

    private CutOffUploads(FileChannel channel, FileLock shared) {
        this.channel = channel;
        this.shared = shared;
    }

    /** Removes cut-off uploads when the folder is unused, then marks it used until {@link #close()}. */
    static CutOffUploads removeAndHold(Path folder) {
        Path lockFile = folder.resolveSibling(folder.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock exclusive = channel.tryLock();
            if (exclusive != null) {
                remove(folder);
                exclusive.release();
            }
            return new CutOffUploads(channel, channel.lock(0, Long.MAX_VALUE, true));
        } catch (OverlappingFileLockException e) {
            // this process already runs a server over the folder: it is in use, and already marked
            return new CutOffUploads(channel, null);
        } catch (IOException | RuntimeException e) {
            // cleaning is best effort: a read-only or lock-less file system just skips it
            return new CutOffUploads(channel, null);
        }
    }

    /** Deletes every file named like an S3Proxy upload in progress that lacks the checksum attribute; returns them. */
    static List<Path> remove(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> cutOff;
        try (Stream<Path> walk = Files.walk(folder)) {
            cutOff = walk.filter(Files::isRegularFile)
                    .filter(p -> TEMP.matcher(p.getFileName().toString()).matches())
                    .filter(CutOffUploads::lacksChecksum)
                    .toList();
        }
        for (Path p : cutOff) {
            Files.deleteIfExists(p);
        }
        return cutOff;
    }

    private static boolean lacksChecksum(Path file) {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        if (view == null) {
            return false; // no extended attributes here: S3Proxy cannot have written it either
        }
        try {
            return !view.list().contains(CHECKSUM_ATTRIBUTE);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            if (shared != null) {
                shared.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}

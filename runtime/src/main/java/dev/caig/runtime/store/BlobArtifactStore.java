package dev.caig.runtime.store;

import dev.caig.runtime.TempFolders;
import dev.caig.runtime.CaigException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one implementation of artifact semantics (checksums, manifest last, verified fetch, delete order) over a
 * {@link BlobBackend}; the S3 and local stores differ only in the back end they hand in.
 */
public class BlobArtifactStore implements ArtifactStore {

    private final BlobBackend blobs;
    private final Clock clock;
    private final String producerUid;

    protected BlobArtifactStore(BlobBackend blobs, Clock clock) {
        this(blobs, clock, null);
    }

    /** @param producerUid written into every manifest this store publishes; null for none */
    protected BlobArtifactStore(BlobBackend blobs, Clock clock, String producerUid) {
        this.blobs = blobs;
        this.clock = clock;
        this.producerUid = producerUid;
    }

    @Override
    public ArtifactManifest publish(Path localDir, ArtifactUri uri, String kind, String producer,
                                    Map<String, ?> config, Map<String, ? extends Number> metrics, Provenance provenance) {
        requireScheme(uri);
        if (!Files.isDirectory(localDir)) {
            throw new CaigException(localDir + ": cannot publish to " + uri + ": not a folder");
        }
        Path source = localDir.toAbsolutePath().normalize();
        refuseNesting(source, uri);
        Map<String, Path> files = LocalFolder.files(source);
        Map<String, String> sums = new LinkedHashMap<>();
        files.forEach((rel, path) -> sums.put(rel, hash(path)));
        ArtifactManifest manifest = ArtifactManifest.create(kind, producer, clock.instant(), config, sums, metrics,
                provenance, producerUid);

        ArtifactUri manifestUri = uri.resolve(ArtifactManifest.FILE_NAME);
        Optional<ArtifactManifest> old = readOldManifest(uri);
        blobs.delete(manifestUri); // from here on readers see no artifact, never a mix of old and new
        old.ifPresent(previous -> previous.files().keySet().stream()
                .filter(rel -> !files.containsKey(rel))
                .forEach(rel -> blobs.delete(uri.resolve(rel))));
        blobs.removeLeftovers(uri); // a writer killed here before left its temporary files
        files.forEach((rel, path) -> blobs.upload(path, uri.resolve(rel)));
        blobs.write(manifestUri, manifest.bytes());
        return manifest;
    }

    @Override
    public ArtifactManifest fetch(ArtifactUri uri, Path localDir, java.util.function.Predicate<String> only) {
        ArtifactManifest manifest = manifest(uri).orElseThrow(() -> noArtifact(uri));
        Path target = localDir.toAbsolutePath().normalize();
        if (uri.isLocal() && uri.path().equals(target)) {
            verifyInPlace(uri, manifest);
            return manifest;
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        manifest.files().forEach((rel, sha) -> {
            if (only.test(rel)) {
                wanted.put(rel, sha);
            }
        });
        boolean whole = wanted.size() == manifest.files().size();
        Path staging;
        try {
            Files.createDirectories(target);
            // A previous copy's manifest goes first: a crash below must not leave it vouching for new files.
            Files.deleteIfExists(target.resolve(ArtifactManifest.FILE_NAME));
            staging = Files.createTempDirectory(target, LocalBlobs.TEMP_PREFIX + "fetch-");
        } catch (IOException e) {
            throw new CaigException(target + ": cannot prepare folder to fetch " + uri + " (" + e.getMessage() + ")", e);
        }
        try {
            for (Map.Entry<String, String> file : wanted.entrySet()) {
                download(uri, file.getKey(), file.getValue(), staging.resolve(file.getKey()));
            }
            for (String rel : wanted.keySet()) {
                Path dest = target.resolve(rel);
                Files.createDirectories(dest.getParent());
                LocalBlobs.moveIntoPlace(staging.resolve(rel), dest);
            }
            if (!whole) {
                return manifest;
            }
            Path manifestTemp = staging.resolve(ArtifactManifest.FILE_NAME + ".part");
            Files.write(manifestTemp, manifest.bytes());
            LocalBlobs.moveIntoPlace(manifestTemp, target.resolve(ArtifactManifest.FILE_NAME));
        } catch (IOException e) {
            throw new CaigException(target + ": cannot write files fetched from " + uri + " (" + e.getMessage() + ")", e);
        } finally {
            TempFolders.deleteQuietly(staging);
        }
        return manifest;
    }

    @Override
    public Optional<ArtifactManifest> manifest(ArtifactUri uri) {
        requireScheme(uri);
        ArtifactUri manifestUri = uri.resolve(ArtifactManifest.FILE_NAME);
        return readBytes(manifestUri).map(bytes -> ArtifactManifest.parse(bytes, manifestUri.toString()));
    }

    @Override
    public void putText(ArtifactUri fileUri, String text) {
        requireScheme(fileUri);
        blobs.write(fileUri, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<String> getText(ArtifactUri fileUri) {
        requireScheme(fileUri);
        return readBytes(fileUri).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public boolean download(ArtifactUri fileUri, Path target) {
        requireScheme(fileUri);
        Optional<InputStream> in = blobs.open(fileUri);
        if (in.isEmpty()) {
            return false;
        }
        Path dest = target.toAbsolutePath().normalize();
        Path temp = null;
        try (InputStream stream = in.get()) {
            Files.createDirectories(dest.getParent());
            temp = Files.createTempFile(dest.getParent(), LocalBlobs.TEMP_PREFIX, ".part");
            try (OutputStream out = Files.newOutputStream(temp)) {
                stream.transferTo(out);
            }
            LocalBlobs.moveIntoPlace(temp, dest);
            return true;
        } catch (IOException e) {
            throw new CaigException("cannot download " + fileUri + " to " + dest + " (" + e.getMessage() + ")", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover hidden .part file is harmless
                }
            }
        }
    }

    @Override
    public void upload(Path source, ArtifactUri fileUri) {
        requireScheme(fileUri);
        if (!Files.isRegularFile(source)) {
            throw new CaigException(source + ": cannot upload to " + fileUri + ": not a file");
        }
        blobs.upload(source, fileUri);
    }

    @Override
    public void delete(ArtifactUri uri) {
        requireScheme(uri);
        if ((uri.isS3() && uri.key().isEmpty()) || (uri.isLocal() && uri.path().getParent() == null)) {
            throw new CaigException(uri + ": refusing to delete a whole bucket or file system root");
        }
        blobs.delete(uri.resolve(ArtifactManifest.FILE_NAME));
        blobs.deleteAll(uri);
    }

    @Override
    public List<String> list(ArtifactUri prefix) {
        requireScheme(prefix);
        return blobs.list(prefix);
    }

    @Override
    public List<StoredFile> listFiles(ArtifactUri prefix) {
        requireScheme(prefix);
        return blobs.listFiles(prefix);
    }

    @Override
    public void close() {
        blobs.close();
    }

    static CaigException noArtifact(ArtifactUri uri) {
        return new CaigException("no artifact at " + uri + " (no " + ArtifactManifest.FILE_NAME
                + "): it was never written or its writer did not finish");
    }

    /** Streams one file into {@code dest} while hashing it; a mismatch deletes it and names file and artifact. */
    private void download(ArtifactUri uri, String rel, String expected, Path dest) throws IOException {
        ArtifactUri object = uri.resolve(rel);
        Files.createDirectories(dest.getParent());
        MessageDigest digest = Sha256.newDigest();
        try (InputStream in = blobs.open(object).orElseThrow(() -> new CaigException(
                "artifact " + uri + " is incomplete: " + rel + " is listed in its manifest but missing from the store"));
             DigestInputStream hashing = new DigestInputStream(in, digest);
             OutputStream out = Files.newOutputStream(dest)) {
            hashing.transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(dest);
            throw new CaigException("cannot download " + object + " (" + e.getMessage() + ")", e);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected)) {
            Files.deleteIfExists(dest);
            throw checksumMismatch(uri, rel, expected, actual);
        }
    }

    private void verifyInPlace(ArtifactUri uri, ArtifactManifest manifest) {
        for (Map.Entry<String, String> file : manifest.files().entrySet()) {
            Path path = uri.path().resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                throw new CaigException("artifact " + uri + " is incomplete: " + file.getKey()
                        + " is listed in its manifest but missing");
            }
            String actual = hash(path);
            if (!actual.equals(file.getValue())) {
                throw checksumMismatch(uri, file.getKey(), file.getValue(), actual);
            }
        }
    }

    private static CaigException checksumMismatch(ArtifactUri uri, String rel, String expected, String actual) {
        return new CaigException("checksum mismatch for " + rel + " of artifact " + uri + ": the manifest says sha256 "
                + expected + " but the stored file has " + actual + " (it was changed or corrupted after publishing)");
    }

    /** An old manifest that cannot be parsed is still removed; its files are then left for delete() to clean. */
    private Optional<ArtifactManifest> readOldManifest(ArtifactUri uri) {
        try {
            return manifest(uri);
        } catch (CaigException e) {
            return Optional.empty();
        }
    }

    private Optional<byte[]> readBytes(ArtifactUri object) {
        Optional<InputStream> in = blobs.open(object);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.readAllBytes());
        } catch (IOException e) {
            throw new CaigException("cannot read " + object + " (" + e.getMessage() + ")", e);
        }
    }

    private void requireScheme(ArtifactUri uri) {
        if (uri.scheme() != blobs.scheme()) {
            throw new IllegalArgumentException(uri + " is not served by " + blobs);
        }
    }

    /** Publishing a folder into itself (or its parent into a child) would copy or delete its own sources. */
    private static void refuseNesting(Path source, ArtifactUri uri) {
        if (uri.isLocal() && !uri.path().equals(source)
                && (uri.path().startsWith(source) || source.startsWith(uri.path()))) {
            throw new CaigException("cannot publish " + source + " to " + uri + ": one folder contains the other");
        }
    }

    private static String hash(Path file) {
        try {
            return Sha256.hex(file);
        } catch (IOException e) {
            throw new CaigException(file + ": cannot read file to publish (" + e.getMessage() + ")", e);
        }
    }

}

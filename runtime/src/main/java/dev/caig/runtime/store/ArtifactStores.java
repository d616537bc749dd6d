package dev.caig.runtime.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Opens the store a command needs: one object that routes each URI by scheme to S3 or the local file system. */
public final class ArtifactStores {
    private ArtifactStores() {
    }

    /** The store for this process's environment ({@link StoreSettings#fromEnvironment()}). */
    public static ArtifactStore open() {
        return open(StoreSettings.fromEnvironment());
    }

    /**
     * A store that sends local paths to the file system and s3:// URIs to the configured endpoint, or, in local mode,
     * to the process's embedded S3 server (started on the first s3:// use, stopped when the store closes).
     */
    public static ArtifactStore open(StoreSettings settings) {
        return new Routing(settings);
    }

    /** The S3 side alone, resolving local mode to the embedded server. */
    public static S3ArtifactStore openS3(StoreSettings settings) {
        if (!settings.localMode()) {
            return new S3ArtifactStore(settings);
        }
        requireWritable(settings.localStoreDir());
        EmbeddedS3Server.Lease lease = EmbeddedS3Server.acquire(settings.localStoreDir());
        EmbeddedS3Server server = lease.server();
        try {
            return new S3ArtifactStore(settings.withEndpoint(server.endpoint().toString(), server.accessKey(),
                    server.secretKey()), true, lease, settings.localStoreDir());
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** A local store folder that cannot be written fails here, by name, not later as a puzzling S3 error. */
    private static void requireWritable(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new dev.caig.runtime.CaigException(folder + ": cannot create the local artifact store folder ("
                    + e.getClass().getSimpleName() + "): set CAIG_LOCAL_STORE to a writable folder", e);
        }
        if (!java.nio.file.Files.isWritable(folder)) {
            throw new dev.caig.runtime.CaigException(folder + ": the local artifact store folder is not writable: fix its"
                    + " permissions or set CAIG_LOCAL_STORE to a writable folder");
        }
    }

    private static final class Routing implements ArtifactStore {
        private final StoreSettings settings;
        private final LocalArtifactStore local;
        private S3ArtifactStore s3;

        Routing(StoreSettings settings) {
            this.settings = settings;
            this.local = new LocalArtifactStore(settings.producerUid());
        }

        private synchronized ArtifactStore of(ArtifactUri uri) {
            if (uri.isLocal()) {
                return local;
            }
            if (s3 == null) {
                s3 = openS3(settings);
            }
            return s3;
        }

        @Override
        public ArtifactManifest publish(Path localDir, ArtifactUri uri, String kind, String producer,
                                        Map<String, ?> config, Map<String, ? extends Number> metrics, Provenance provenance) {
            return of(uri).publish(localDir, uri, kind, producer, config, metrics, provenance);
        }

        @Override
        public ArtifactManifest fetch(ArtifactUri uri, Path localDir, java.util.function.Predicate<String> files) {
            return of(uri).fetch(uri, localDir, files);
        }

        @Override
        public Optional<ArtifactManifest> manifest(ArtifactUri uri) {
            return of(uri).manifest(uri);
        }

        @Override
        public void putText(ArtifactUri fileUri, String text) {
            of(fileUri).putText(fileUri, text);
        }

        @Override
        public Optional<String> getText(ArtifactUri fileUri) {
            return of(fileUri).getText(fileUri);
        }

        @Override
        public boolean download(ArtifactUri fileUri, Path target) {
            return of(fileUri).download(fileUri, target);
        }

        @Override
        public void upload(Path source, ArtifactUri fileUri) {
            of(fileUri).upload(source, fileUri);
        }

        @Override
        public void delete(ArtifactUri uri) {
            of(uri).delete(uri);
        }

        @Override
        public List<String> list(ArtifactUri prefix) {
            return of(prefix).list(prefix);
        }

        @Override
        public List<StoredFile> listFiles(ArtifactUri prefix) {
            return of(prefix).listFiles(prefix);
        }

        @Override
        public synchronized void close() {
            local.close();
            if (s3 != null) {
                s3.close();
                s3 = null;
            }
        }
    }
}

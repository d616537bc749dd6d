package dev.caig.runtime.store;

import dev.caig.runtime.CaigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The behaviour every artifact store must have, whatever its back end. */
abstract class ArtifactStoreContract {

    @TempDir
    Path tmp;

    ArtifactStore store;

    /** A store under test, opened before each test and closed after. */
    abstract ArtifactStore openStore() throws Exception;

    /** A fresh artifact URI (prefix) for one test. */
    abstract ArtifactUri artifactUri(String name);

    /** Replaces the stored bytes of one object behind the store's back. */
    abstract void tamper(ArtifactUri object, byte[] bytes) throws Exception;

    /** The back end the store uses, to build a store whose writer crashes. */
    abstract BlobBackend backend();

    @BeforeEach
    void open() throws Exception {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    Path sampleDir(String name) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve("weights"));
        Files.writeString(dir.resolve("config.json"), "{\"layers\":4}");
        Files.write(dir.resolve("weights/model.params"), new byte[] {1, 2, 3, 4, 5});
        return dir;
    }

    @Test
    void publishThenFetchRoundTripsFilesAndManifest() throws IOException {
        ArtifactUri uri = artifactUri("round-trip");
        ArtifactManifest published = store.publish(sampleDir("src"), uri, "reward-model", "reward",
                Map.of("lr", 0.001, "layers", 4), Map.of("accuracy", 0.75));

        assertTrue(store.exists(uri));
        assertEquals(published, store.manifest(uri).orElseThrow());
        assertEquals(List.of("config.json", "weights/model.params"), List.copyOf(published.files().keySet()));

        Path out = tmp.resolve("out");
        ArtifactManifest fetched = store.fetch(uri, out);
        assertEquals(published.digest(), fetched.digest());
        assertEquals("{\"layers\":4}", Files.readString(out.resolve("config.json")));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Files.readAllBytes(out.resolve("weights/model.params")));
        assertEquals(published.toJson(), Files.readString(out.resolve("manifest.json")));
        assertEquals(0.75, fetched.metrics().get("accuracy").doubleValue());
        assertEquals("reward", fetched.producer());
        assertEquals(List.of("config.json", "manifest.json", "weights/model.params"), store.list(uri));
        assertNoTempLeft(out);
    }

    @Test
    void tamperedObjectIsDetectedOnFetchAndNothingIsLeftAsGood() throws Exception {
        ArtifactUri uri = artifactUri("tampered");
        store.publish(sampleDir("src"), uri, "policy", "pcpo", Map.of(), Map.of());
        tamper(uri.resolve("weights/model.params"), new byte[] {9, 9, 9});

        Path out = tmp.resolve("out");
        CaigException e = assertThrows(CaigException.class, () -> store.fetch(uri, out));
        assertTrue(e.getMessage().contains("checksum mismatch for weights/model.params of artifact " + uri),
                e.getMessage());
        assertFalse(Files.exists(out.resolve("manifest.json")), "no manifest may vouch for a partial copy");
        assertFalse(Files.exists(out.resolve("weights/model.params")));
        assertNoTempLeft(out);
    }

    @Test
    void writerThatCrashesBeforeTheManifestLeavesNoArtifact() throws IOException {
        ArtifactUri uri = artifactUri("crashed");
        store.publish(sampleDir("old"), uri, "policy", "pcpo", Map.of(), Map.of());
        try (BlobArtifactStore crashing = new BlobArtifactStore(new CrashBeforeManifest(backend()),
                java.time.Clock.systemUTC()) { }) {
            assertThrows(IllegalStateException.class, () -> crashing.publish(sampleDir("new"), uri, "policy", "pcpo",
                    Map.of(), Map.of()));
        }
        assertFalse(store.exists(uri), "the old manifest goes first, and the new one was never written");
        CaigException e = assertThrows(CaigException.class, () -> store.fetch(uri, tmp.resolve("out")));
        assertEquals("no artifact at " + uri + " (no manifest.json): it was never written or its writer did not finish",
                e.getMessage());
    }

    @Test
    void republishingReplacesTheOldArtifact() throws IOException {
        ArtifactUri uri = artifactUri("replace");
        store.publish(sampleDir("old"), uri, "policy", "pcpo", Map.of(), Map.of());
        Path second = tmp.resolve("second");
        Files.createDirectories(second);
        Files.writeString(second.resolve("only.txt"), "new");
        ArtifactManifest replaced = store.publish(second, uri, "policy", "pcpo", Map.of("round", 2), Map.of());

        assertEquals(Map.of("round", 2), replaced.config());
        assertEquals(List.of("manifest.json", "only.txt"), store.list(uri));
        store.fetch(uri, tmp.resolve("out"));
        assertEquals("new", Files.readString(tmp.resolve("out/only.txt")));
    }

    @Test
    void missingArtifactHasAClearMessage() {
        ArtifactUri uri = artifactUri("never-written");
        assertFalse(store.exists(uri));
        assertEquals(Optional.empty(), store.manifest(uri));
        CaigException e = assertThrows(CaigException.class, () -> store.fetch(uri, tmp.resolve("out")));
        assertEquals("no artifact at " + uri + " (no manifest.json): it was never written or its writer did not finish",
                e.getMessage());
        assertThrows(CaigException.class, () -> store.requireManifest(uri));
    }

    @Test
    void sideFilesAndDelete() throws IOException {
        ArtifactUri uri = artifactUri("side");
        assertEquals(Optional.empty(), store.getText(uri.resolve("progress.json")));
        store.putText(uri.resolve("progress.json"), "{\"step\":3}");
        assertEquals(Optional.of("{\"step\":3}"), store.getText(uri.resolve("progress.json")));
        assertFalse(store.exists(uri), "a side file alone is no artifact");

        store.publish(sampleDir("src"), uri, "policy", "pcpo", Map.of(), Map.of());
        assertEquals(Optional.of("{\"step\":3}"), store.getText(uri.resolve("progress.json")),
                "publishing keeps side files");
        store.delete(uri);
        assertFalse(store.exists(uri));
        assertEquals(List.of(), store.list(uri));
    }

    @Test
    void corruptManifestIsReportedWithItsUri() {
        ArtifactUri uri = artifactUri("corrupt");
        store.putText(uri.resolve("manifest.json"), "{\"kind\": ");
        CaigException e = assertThrows(CaigException.class, () -> store.manifest(uri));
        assertTrue(e.getMessage().startsWith(uri.resolve("manifest.json") + ": not a valid manifest"), e.getMessage());
    }

    static void assertNoTempLeft(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            assertEquals(List.of(), walk.filter(p -> p.getFileName().toString().startsWith(LocalBlobs.TEMP_PREFIX)).toList());
        }
    }

    /** A back end whose process "dies" just before the manifest is written. */
    static final class CrashBeforeManifest implements BlobBackend {
        private final BlobBackend delegate;

        CrashBeforeManifest(BlobBackend delegate) {
            this.delegate = delegate;
        }

        @Override
        public ArtifactUri.Scheme scheme() {
            return delegate.scheme();
        }

        @Override
        public void upload(Path source, ArtifactUri target) {
            delegate.upload(source, target);
        }

        @Override
        public void write(ArtifactUri target, byte[] bytes) {
            if (target.fileName().equals(ArtifactManifest.FILE_NAME)) {
                throw new IllegalStateException("simulated crash before the manifest");
            }
            delegate.write(target, bytes);
        }

        @Override
        public Optional<InputStream> open(ArtifactUri object) {
            return delegate.open(object);
        }

        @Override
        public List<StoredFile> listFiles(ArtifactUri prefix) {
            return delegate.listFiles(prefix);
        }

        @Override
        public void delete(ArtifactUri object) {
            delegate.delete(object);
        }

        @Override
        public void close() {
            // the delegate belongs to the store under test
        }
    }
}

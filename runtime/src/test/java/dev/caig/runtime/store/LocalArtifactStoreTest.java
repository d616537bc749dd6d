package dev.caig.runtime.store;

import dev.caig.runtime.CaigException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalArtifactStoreTest extends ArtifactStoreContract {

    @Override
    ArtifactStore openStore() {
        return new LocalArtifactStore();
    }

    @Override
    ArtifactUri artifactUri(String name) {
        return ArtifactUri.parse(tmp.resolve("store").resolve(name).toString());
    }

    @Override
    void tamper(ArtifactUri object, byte[] bytes) throws IOException {
        Files.write(object.path(), bytes);
    }

    @Override
    BlobBackend backend() {
        return new LocalBlobs();
    }

    @Test
    void publishingAFolderInPlaceWritesOnlyTheManifest() throws IOException {
        Path dir = sampleDir("in-place");
        ArtifactUri uri = ArtifactUri.local(dir);
        ArtifactManifest manifest = store.publish(dir, uri, "catalog", "market", Map.of(), Map.of());
        assertEquals(2, manifest.files().size());
        assertEquals(manifest, store.fetch(uri, dir), "fetching in place verifies the checksums");

        Files.writeString(dir.resolve("config.json"), "changed");
        CaigException e = assertThrows(CaigException.class, () -> store.fetch(uri, dir));
        assertTrue(e.getMessage().contains("checksum mismatch for config.json"), e.getMessage());
    }

    @Test
    void refusesToPublishAFolderIntoItsOwnSubfolder() throws IOException {
        Path dir = sampleDir("outer");
        CaigException e = assertThrows(CaigException.class,
                () -> store.publish(dir, ArtifactUri.local(dir.resolve("inner")), "x", "y", Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("one folder contains the other"), e.getMessage());
    }

    @Test
    void fileUriAndPlainPathNameTheSameArtifact() throws IOException {
        Path dir = tmp.resolve("store/a");
        store.publish(sampleDir("src"), ArtifactUri.parse("file:" + dir), "x", "y", Map.of(), Map.of());
        assertTrue(store.exists(ArtifactUri.parse(dir.toString())));
    }
}

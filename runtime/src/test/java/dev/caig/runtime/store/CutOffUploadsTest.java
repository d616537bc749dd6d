package dev.caig.runtime.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run killed while the embedded store wrote an object left a file that made every later listing fail. */
class CutOffUploadsTest {

    @Test
    void aKilledUploadNoLongerBreaksTheNextRunsListing(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("store");
        StoreSettings settings = StoreSettings.from(Map.of("CAIG_LOCAL_STORE", folder.toString()));
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(model.resolve("weights.bin"), "w");
        ArtifactUri slot = ArtifactUri.parse("s3://caig/q/checkpoints/pretrain/000001");
        try (ArtifactStore store = ArtifactStores.open(settings)) {
            store.publish(model, slot, "checkpoint", "pretrain", Map.of(), Map.of());
        }
        // What S3Proxy leaves when killed mid-write: the object's temporary file, without its checksum attribute.
        Path cutOff = Files.createDirectories(folder.resolve("caig/q/checkpoints/pretrain/000002"))
                .resolve("optimizer.ndlist-088e538f-591e-4cd1-b34e-cfc6678af01a");
        Files.write(cutOff, new byte[100]);

        try (ArtifactStore store = ArtifactStores.open(settings)) {
            List<String> files = store.list(ArtifactUri.parse("s3://caig/q/checkpoints/pretrain"));
            assertEquals(List.of("000001/manifest.json", "000001/weights.bin"), files);
            assertTrue(store.exists(slot));
        }
        assertFalse(Files.exists(cutOff));
    }
}

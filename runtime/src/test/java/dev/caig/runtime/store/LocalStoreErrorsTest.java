package dev.caig.runtime.store;

import dev.caig.runtime.CaigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In local mode the user never set CAIG_S3_ENDPOINT, so a failing embedded store must name its folder. Tests run as
 * root here, for whom permission bits do not stop a write, so the folder is made unusable by a file in its place.
 */
class LocalStoreErrorsTest {

    @Test
    void aStoreFolderThatCannotBeCreatedIsNamed(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        StoreSettings settings = StoreSettings.from(Map.of("CAIG_LOCAL_STORE", file.toString()));
        try (ArtifactStore store = ArtifactStores.open(settings)) {
            CaigException e = assertThrows(CaigException.class, () -> store.manifest(ArtifactUri.parse("s3://caig/x")));
            assertTrue(e.getMessage().startsWith(file + ": cannot create the local artifact store folder"), e.getMessage());
            assertTrue(e.getMessage().contains("CAIG_LOCAL_STORE"), e.getMessage());
            assertFalse(e.getMessage().contains("CAIG_S3_ENDPOINT"), e.getMessage());
        }
    }

    @Test
    void aFailureInsideTheStoreFolderNamesTheFolderNotTheEndpoint(@TempDir Path tmp) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("store"));
        Files.writeString(folder.resolve("caig"), "a file where the bucket's folder belongs");
        StoreSettings settings = StoreSettings.from(Map.of("CAIG_LOCAL_STORE", folder.toString()))
                .withRetries(1, java.time.Duration.ZERO, java.time.Duration.ofSeconds(2));
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(model.resolve("weights.bin"), "w");
        try (ArtifactStore store = ArtifactStores.open(settings)) {
            CaigException e = assertThrows(CaigException.class,
                    () -> store.publish(model, ArtifactUri.parse("s3://caig/run/pretrain"), "prompt-model", "pretrain",
                            Map.of(), Map.of()));
            assertTrue(e.getMessage().startsWith("the local artifact store in " + folder + " failed while"), e.getMessage());
            assertTrue(e.getMessage().contains("CAIG_LOCAL_STORE"), e.getMessage());
            assertFalse(e.getMessage().contains("CAIG_S3_ENDPOINT"), e.getMessage());
        }
    }
}

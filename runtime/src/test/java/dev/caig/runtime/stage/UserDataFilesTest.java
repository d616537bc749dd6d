package dev.caig.runtime.stage;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.TestData;
import dev.caig.runtime.data.ValidationException;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.StoreSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team's data on s3:// (the embedded S3 server, the same MinIO client code as a real endpoint): uploaded with
 * its images, read back with relative paths resolved against each file's own location, and clear errors for what
 * is missing.
 */
class UserDataFilesTest {

    @TempDir
    static Path tmp;
    static ArtifactStore store;
    static Path clickLog;

    @BeforeAll
    static void uploadCaigTinyAndAClickLog() throws IOException {
        store = ArtifactStores.open(StoreSettings.from(Map.of()).withLocalStoreDir(tmp.resolve("store")));
        TestData.productPng(tmp.resolve("log/ads/a.png"), 16);
        TestData.productPng(tmp.resolve("log/ads/b.png"), 24);
        clickLog = Files.writeString(tmp.resolve("log/clicks.json"), """
                {"2": [{"creative_id": "a", "image": "ads/a.png", "exp_impression_cnt": 5000, "exp_click_cnt": 50},
                       {"creative_id": "b", "image": "./ads/../ads/b.png", "exp_impression_cnt": 5000, "exp_click_cnt": 55}]}
                """);
        UserDataUpload.Result uploaded = new UserDataUpload(store).upload(TestData.caigTiny().resolve("tiny.json"),
                clickLog, ArtifactUri.parse("s3://caig/teams/shop"));
        assertEquals(ArtifactUri.parse("s3://caig/teams/shop/tiny.json"), uploaded.catalog());
        assertEquals(8 + 2 + 2, uploaded.files());
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Test
    void dataOnS3LoadsLikeTheLocalOriginal(@TempDir Path work) {
        UserDataFiles files = new UserDataFiles(store, work);
        UserDataFiles.Local catalog = files.catalog("s3://caig/teams/shop/tiny.json", "data.catalog");
        UserDataFiles.Local log = files.clickLog("s3://caig/teams/shop/clicks.json", "data.clickLogs");
        assertEquals("s3://caig/teams/shop/tiny.json", catalog.source());
        assertTrue(catalog.file().startsWith(work), "downloaded into the work folder: " + catalog.file());

        TrainingData remote = TrainingData.load(catalog, log);
        TrainingData local = TrainingData.load(TestData.caigTiny().resolve("tiny.json"), clickLog);
        assertEquals(local.productIds(), remote.productIds());
        for (int i = 0; i < local.products().size(); i++) {
            assertEquals(local.products().get(i).title(), remote.products().get(i).title());
            assertPixelsEqual(local.products().get(i).image(), remote.products().get(i).image());
        }
        assertEquals(2, remote.creatives().get("2").size());
        assertTrue(Files.isRegularFile(remote.creatives().get("2").get(1).image()), "creative images come along");
    }

    @Test
    void aPrefixStandsForTheCatalogFileBelowIt(@TempDir Path work) {
        UserDataFiles.Local catalog = new UserDataFiles(store, work).catalog("s3://caig/teams/shop/", "--catalog");
        assertEquals("s3://caig/teams/shop/tiny.json", catalog.source());
    }

    @Test
    void aMissingFileIsOneLineNamingTheSettingAndTheUri(@TempDir Path work) {
        UserDataFiles files = new UserDataFiles(store, work);
        CaigException missing = assertThrows(CaigException.class,
                () -> files.clickLog("s3://caig/teams/shop/clicks-2024.json", "data.clickLogs"));
        assertEquals("data.clickLogs: s3://caig/teams/shop/clicks-2024.json: no such object", missing.getMessage());
        CaigException noCatalog = assertThrows(CaigException.class, () -> files.catalog("s3://caig/teams/nobody", "data.catalog"));
        assertEquals("data.catalog: s3://caig/teams/nobody: no such object (nor catalog.json or tiny.json below it)",
                noCatalog.getMessage());
        CaigException scheme = assertThrows(CaigException.class, () -> files.catalog("gs://caig/shop", "data.catalog"));
        assertTrue(scheme.getMessage().startsWith("data.catalog: gs://caig/shop: unsupported URI scheme"), scheme.getMessage());
    }

    @Test
    void missingImagesAreListedWithEveryOtherProblemUnderTheS3Names(@TempDir Path work) throws IOException {
        Path catalog = Files.writeString(work.resolve("bad.json"), """
                [{"id": "1", "image": "images/1.png", "new_caption": "piano"},
                 {"id": "2", "image": "images/missing.png", "new_caption": "hand cream"},
                 {"id": "3", "image": "images/3.png", "new_caption": ""}]
                """);
        store.upload(catalog, ArtifactUri.parse("s3://caig/teams/shop/bad.json"));
        UserDataFiles files = new UserDataFiles(store, work.resolve("mirror"));
        ValidationException e = assertThrows(ValidationException.class, () -> TrainingData.load(
                files.catalog("s3://caig/teams/shop/bad.json", "data.catalog"),
                files.clickLog("s3://caig/teams/shop/clicks.json", "data.clickLogs")));
        List<String> lines = e.getMessage().lines().toList();
        assertEquals("s3://caig/teams/shop/bad.json: 2 problems", lines.get(0));
        assertEquals("  s3://caig/teams/shop/bad.json: entry [1] id \"2\": image \"images/missing.png\": image file not found",
                lines.get(1));
        assertEquals("  s3://caig/teams/shop/bad.json: entry [2] id \"3\": empty \"new_caption\" (the product title)", lines.get(2));
        assertEquals(3, lines.size(), "the click log's creatives of product 2 are not 'unknown products': " + lines);
    }

    @Test
    void relativePathsResolveAgainstTheFilesOwnFolderAndNeverLeaveTheBucket() {
        ArtifactUri file = ArtifactUri.parse("s3://caig/a/b/catalog.json");
        assertEquals(ArtifactUri.parse("s3://caig/a/b/images/1.png"), UserDataFiles.sibling(file, "images/1.png"));
        assertEquals(ArtifactUri.parse("s3://caig/a/photos/1.png"), UserDataFiles.sibling(file, "../photos/./1.png"));
        assertNull(UserDataFiles.sibling(file, "../../../etc/passwd"));
    }

    private static void assertPixelsEqual(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        int w = expected.getWidth();
        int h = expected.getHeight();
        assertArrayEquals(expected.getRGB(0, 0, w, h, null, 0, w), actual.getRGB(0, 0, w, h, null, 0, w));
    }
}

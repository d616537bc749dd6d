package dev.caig.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.data.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code caig generate} on a catalog with good and bad entries: the bad ones are listed and skipped, the rest generated. */
class GenerateCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static String policy;
    static String reward;

    @BeforeAll
    static void tinyModels() throws IOException {
        GenerateModels models = GenerateModels.publishUnder(tmp);
        policy = models.policy();
        reward = models.reward();
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void badEntriesAreListedWithTheirReasonsAndTheRestIsGenerated() throws IOException {
        Path dir = tmp.resolve("mixed");
        TestData.productPng(dir.resolve("good.png"), 48);
        TestData.emptyPng(dir.resolve("clear.png"), 48);
        Path catalog = Files.writeString(dir.resolve("catalog.json"), """
                [{"id": "lamp", "image": "good.png", "new_caption": "steel desk lamp"},
                 {"id": "gone", "image": "missing.png", "new_caption": "rose hand cream"},
                 {"id": "untitled", "image": "good.png", "new_caption": ""},
                 {"id": "clear", "image": "clear.png", "new_caption": "glass vase"},
                 {"id": "lamp", "image": "good.png", "new_caption": "the same id again"},
                 {"id": "shop/42", "image": "good.png", "new_caption": "rose hand cream"}]
                """);
        Path out = tmp.resolve("mixed-out");
        CliRun run = run("generate", "--policy", policy, "--reward", reward, "--catalog", catalog.toString(),
                "--candidates", "2", "--size", "64", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());

        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals(List.of("lamp", "shop/42"), ids(manifest.path("products")));
        assertEquals(4, manifest.path("skipped").asInt());
        JsonNode skipped = manifest.path("skippedProducts");
        assertEquals("entry [1] id \"gone\"", skipped.get(0).path("entry").asText());
        assertEquals("image \"missing.png\": image file not found", skipped.get(0).path("reasons").get(0).asText());
        assertTrue(skipped.get(1).path("reasons").get(0).asText().startsWith("empty \"new_caption\""), skipped.toString());
        assertTrue(skipped.get(2).path("reasons").get(0).asText().contains("no product pixels"), skipped.toString());
        assertTrue(skipped.get(3).path("reasons").get(0).asText().startsWith("duplicate id"), skipped.toString());
        assertTrue(run.err().contains("generate: skipping entry [1] id \"gone\": image \"missing.png\": image file not found"),
                run.err());
        String shopImage = manifest.path("products").get(1).path("candidates").get(1).path("image").asText();
        assertTrue(shopImage.matches("ads/shop_42-[0-9a-f]{8}/rank-2\\.png"), "an id with a slash gets a safe folder: " + shopImage);
        assertTrue(Files.isRegularFile(out.resolve(shopImage)));
        List<String> csv = Files.readAllLines(out.resolve("manifest.csv"));
        assertEquals("product_id,rank,score,description,image", csv.get(0));
        assertEquals(1 + 2 * 2, csv.size());
        assertTrue(csv.get(3).startsWith("shop/42,1,"), csv.toString());
    }

    @Test
    void aCatalogWithNoGoodEntryFailsAfterListingThem() throws IOException {
        Path catalog = Files.writeString(tmp.resolve("none.json"), """
                [{"id": "a", "image": "nope.png", "new_caption": "x"}]
                """);
        Path out = tmp.resolve("none-out");
        CliRun run = run("generate", "--policy", policy, "--reward", reward, "--catalog", catalog.toString(),
                "--size", "64", "--out", out.toString());
        assertEquals(CaigCommand.EXIT_USER_ERROR, run.exit());
        assertTrue(run.err().contains("caig: error: no product could be generated: all 1 catalog entries were skipped"), run.err());
        assertEquals(1, JSON.readTree(out.resolve("manifest.json").toFile()).path("skipped").asInt());
    }

    @Test
    void anUnreadableCatalogOrAForeignOutputFolderIsRefusedInOneLine() throws IOException {
        CliRun missing = run("generate", "--policy", policy, "--reward", reward, "--catalog", tmp.resolve("nothing.json").toString(),
                "--out", tmp.resolve("x").toString());
        assertEquals(CaigCommand.EXIT_INVALID_INPUT, missing.exit(), "invalid input data: no retry can fix it");
        assertTrue(missing.err().contains(tmp.resolve("nothing.json") + ": file not found"), missing.err());

        Path busy = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        TestData.productPng(tmp.resolve("one/p.png"), 32);
        Path catalog = Files.writeString(tmp.resolve("one/catalog.json"), "[{\"id\": \"p\", \"image\": \"p.png\", \"new_caption\": \"cup\"}]");
        CliRun refused = run("generate", "--policy", policy, "--reward", reward, "--catalog", catalog.toString(),
                "--out", busy.toString());
        assertEquals(CaigCommand.EXIT_USER_ERROR, refused.exit());
        assertTrue(refused.err().contains(busy + ": not empty and not the output of an earlier caig generate"), refused.err());
        assertEquals("mine", Files.readString(busy.resolve("notes.txt")));
    }

    private static List<String> ids(JsonNode products) {
        return java.util.stream.StreamSupport.stream(products.spliterator(), false).map(p -> p.path("id").asText()).toList();
    }
}

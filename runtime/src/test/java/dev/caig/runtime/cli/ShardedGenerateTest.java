package dev.caig.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caig.runtime.data.TestData;
import dev.caig.runtime.generate.BatchOutput;
import dev.caig.runtime.generate.ShardMerger;
import dev.caig.runtime.generate.StoreOutput;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.StoreSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code caig generate --shard i/N}, resuming, and {@code caig generate merge}: the shards of a catalog together make
 * exactly the unsharded run's files, a cut-off shard keeps what it wrote, and the merge gives the unsharded manifest.
 */
class ShardedGenerateTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static GenerateModels models;
    static Path catalog;
    static Path whole;

    @BeforeAll
    static void catalogAndUnshardedRun() throws IOException {
        models = GenerateModels.publishUnder(tmp);
        Path dir = tmp.resolve("catalog");
        TestData.productPng(dir.resolve("p.png"), 48);
        StringBuilder entries = new StringBuilder("[");
        for (int i = 0; i < 7; i++) {
            // extra fields (brand, price) as real catalogs carry them; entry 4 is bad (no photo)
            entries.append(i == 0 ? "" : ",").append(String.format(
                    "{\"id\": \"sku-%d\", \"image\": \"%s\", \"new_caption\": \"desk lamp %d\", \"brand\": \"Acme\", \"price\": %d.5}",
                    i, i == 4 ? "missing.png" : "p.png", i, i));
        }
        catalog = Files.writeString(dir.resolve("catalog.json"), entries.append("]").toString());
        whole = tmp.resolve("whole");
        CliRun run = generate(whole, "0/1");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("ignoring fields brand, price (caig reads id, image, new_caption)"), run.err());
        assertEquals(1, count(run.err(), "ignoring fields"), "the ignored fields are named once: " + run.err());
    }

    private static CliRun generate(Path out, String shard, String... more) {
        List<String> args = new ArrayList<>(List.of("generate", "--policy", models.policy(), "--reward", models.reward(),
                "--catalog", catalog.toString(), "--candidates", "2", "--size", "64", "--shard", shard, "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theShardsTogetherWriteExactlyTheUnshardedFilesAndTheMergeItsManifest() throws IOException {
        Path batch = tmp.resolve("batch");
        List<String> from = new ArrayList<>(List.of("generate", "merge", "--out", batch.toString(), "--from"));
        for (int i = 0; i < 3; i++) {
            Path shard = batch.resolve("shards/" + i);
            CliRun run = generate(shard, i + "/3");
            assertEquals(0, run.exit(), run.err());
            from.add(shard.toString());
        }
        Map<String, byte[]> union = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            Map<String, byte[]> shardAds = files(batch.resolve("shards/" + i + "/ads"));
            assertFalse(shardAds.isEmpty() && i != 1, "shard " + i + " has products");
            shardAds.forEach((name, bytes) -> assertTrue(union.put(name, bytes) == null, name + " made by two shards"));
            JsonNode shardRows = JSON.readTree(batch.resolve("shards/" + i + "/manifest.json").toFile()).path("products");
            for (JsonNode row : shardRows) {
                assertEquals(row, product(JSON.readTree(whole.resolve("manifest.json").toFile()), row.path("id").asText()),
                        "shard " + i + "'s row is the unsharded run's");
            }
        }
        Map<String, byte[]> unsharded = files(whole.resolve("ads"));
        assertEquals(unsharded.keySet(), union.keySet());
        unsharded.forEach((name, bytes) -> assertArrayEquals(bytes, union.get(name), name));

        CliRun merge = CliRun.of(from.toArray(String[]::new));
        assertEquals(0, merge.exit(), merge.err());
        assertTrue(merge.out().contains("merged 3 shards: 6 products generated, 1 skipped"), merge.out());
        JsonNode merged = JSON.readTree(batch.resolve("manifest.json").toFile());
        JsonNode expected = JSON.readTree(whole.resolve("manifest.json").toFile());
        assertEquals(3, merged.path("shards").asInt());
        for (String field : List.of("catalog", "model", "seed", "candidatesPerProduct", "generated", "skipped", "skippedProducts")) {
            assertEquals(expected.get(field), merged.get(field), field);
        }
        assertEquals("entry [4] id \"sku-4\"", merged.path("skippedProducts").get(0).path("entry").asText());
        assertEquals(withShardFolders(expected.path("products")), merged.path("products"),
                "the merged products are the unsharded run's, in catalog order, pointing into the shards");
        for (JsonNode product : merged.path("products")) {
            for (JsonNode c : product.path("candidates")) {
                assertTrue(Files.isRegularFile(batch.resolve(c.path("image").asText())), c.toString());
            }
        }
        assertEquals(Files.readAllLines(whole.resolve("manifest.csv")).size(), Files.readAllLines(batch.resolve("manifest.csv")).size());
        assertTrue(Files.size(batch.resolve("contact-sheet.png")) > 0);
    }

    @Test
    void shardsInTheStoreAreMergedThere() throws IOException {
        StoreSettings settings = StoreSettings.from(Map.of()).withLocalStoreDir(tmp.resolve("store"));
        try (ArtifactStore store = ArtifactStores.open(settings)) {
            List<BatchOutput> shards = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Path local = tmp.resolve("for-s3/" + i);
                assertEquals(0, generate(local, i + "/2").exit());
                BatchOutput shard = StoreOutput.open(store, "s3://caig/nightly/shards/" + i, tmp.resolve("work"));
                assertTrue(shard.isEmpty());
                for (Map.Entry<String, byte[]> f : files(local).entrySet()) { // as a pod writes them
                    shard.write(f.getKey(), f.getValue());
                }
                shards.add(shard);
            }
            BatchOutput merged = StoreOutput.open(store, "s3://caig/nightly", tmp.resolve("work"));
            new ShardMerger(4).merge(shards, merged);

            JsonNode manifest = JSON.readTree(merged.readText("manifest.json").orElseThrow());
            JsonNode expected = JSON.readTree(whole.resolve("manifest.json").toFile());
            assertEquals(expected.path("generated"), manifest.path("generated"));
            String image = manifest.path("products").get(1).path("candidates").get(0).path("image").asText();
            assertEquals("shards/1/ads/sku-1/rank-1.png", image, "relative to the merged prefix");
            assertArrayEquals(Files.readAllBytes(whole.resolve("ads/sku-1/rank-1.png")), merged.read(image).orElseThrow());
            assertTrue(merged.read("contact-sheet.png").isPresent());
        }
    }

    @Test
    void aCutOffShardResumesKeepingTheProductsItHadWritten() throws IOException {
        Path shard = tmp.resolve("resumed");
        assertEquals(0, generate(shard, "0/2").exit());
        // Cut it off: as if the pod died after sku-0 and sku-2 (entries 0, 2) but before sku-4 and sku-6 were recorded.
        Files.delete(shard.resolve("manifest.json"));
        Files.delete(shard.resolve("rows/4.json"));
        Files.delete(shard.resolve("rows/6.json"));
        byte[] sku6 = Files.readAllBytes(shard.resolve("ads/sku-6/rank-1.png"));
        Files.delete(shard.resolve("ads/sku-6/rank-1.png"));
        // Mark a finished product's ad: a resume that redid it would overwrite the mark.
        byte[] mark = Files.readAllBytes(TestData.productPng(tmp.resolve("mark.png"), 16));
        Files.write(shard.resolve("ads/sku-0/rank-1.png"), mark);

        CliRun resumed = generate(shard, "0/2");
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("; 2 of them kept from the earlier run"), resumed.out());
        assertArrayEquals(mark, Files.readAllBytes(shard.resolve("ads/sku-0/rank-1.png")), "kept, not redone");
        assertArrayEquals(sku6, Files.readAllBytes(shard.resolve("ads/sku-6/rank-1.png")), "the rest is made as before");
        JsonNode manifest = JSON.readTree(shard.resolve("manifest.json").toFile());
        assertEquals(3, manifest.path("generated").asInt());
        assertEquals(1, manifest.path("skipped").asInt());
        JsonNode progress = JSON.readTree(shard.resolve("progress.json").toFile());
        assertEquals(4, progress.path("step").asInt());
        assertEquals(4, progress.path("total").asInt());
        assertTrue(progress.path("finished").asBoolean());
    }

    @Test
    void anUnfinishedShardIsNotResumedWithOtherSettings() throws IOException {
        Path shard = tmp.resolve("other-seed");
        assertEquals(0, generate(shard, "1/2").exit());
        Files.delete(shard.resolve("manifest.json"));
        CliRun refused = generate(shard, "1/2", "--seed", "9");
        assertEquals(CaigCommand.EXIT_USER_ERROR, refused.exit());
        assertTrue(refused.err().contains(shard + ": holds an unfinished run with other settings (seed was 0, now 9)"), refused.err());
        assertTrue(Files.exists(shard.resolve("rows/1.json")), "nothing of the earlier run is lost");
    }

    @Test
    void aMergeOfAnIncompleteSetOfShardsIsRefusedInOneLine() {
        Path a = tmp.resolve("lonely");
        assertEquals(0, generate(a, "0/2").exit());
        CliRun merge = CliRun.of("generate", "merge", "--from", a.toString(), "--out", tmp.resolve("lonely-merged").toString());
        assertEquals(CaigCommand.EXIT_USER_ERROR, merge.exit());
        assertTrue(merge.err().contains("--from: shard 1/2 is missing"), merge.err());
    }

    @Test
    void dataValidateChecksOneShardsPhotosAndNamesTheExtraFieldsOnce() {
        CliRun shard1 = CliRun.of("data", "validate", "--catalog", catalog.toString(), "--shard", "1/3");
        assertEquals(CaigCommand.EXIT_USER_ERROR, shard1.exit(), "entry 4 (shard 1) has no photo");
        assertTrue(shard1.out().contains("entry [4] id \"sku-4\": image \"missing.png\": image file not found"), shard1.out());
        assertEquals(1, count(shard1.out(), "ignoring fields brand, price"), shard1.out());

        CliRun shard0 = CliRun.of("data", "validate", "--catalog", catalog.toString(), "--shard", "0/3");
        assertEquals(0, shard0.exit(), shard0.out());
        assertTrue(shard0.out().contains(": 3 products in shard 0/3 (of 7 entries), no problems"), shard0.out());
    }

    @Test
    void aShardOutOfRangeIsRefused() {
        CliRun run = generate(tmp.resolve("bad-shard"), "3/3");
        assertEquals(CaigCommand.EXIT_USER_ERROR, run.exit());
        assertTrue(run.err().contains("--shard must be i/N with 0 <= i < N, got 3/3"), run.err());
    }

    private static JsonNode product(JsonNode manifest, String id) {
        for (JsonNode p : manifest.path("products")) {
            if (p.path("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no product " + id);
    }

    /** The unsharded products with each image under the folder of its shard (entry k: shard k mod 3). */
    private static JsonNode withShardFolders(JsonNode products) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode p : products) {
            ObjectNode copy = p.deepCopy();
            int index = Integer.parseInt(p.path("id").asText().substring("sku-".length()));
            for (JsonNode c : copy.path("candidates")) {
                ((ObjectNode) c).put("image", "shards/" + index % 3 + "/" + c.path("image").asText());
            }
            out.add(copy);
        }
        return out;
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}

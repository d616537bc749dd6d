package dev.caig.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.TestData;
import dev.caig.runtime.eval.EvaluateStage;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import dev.caig.runtime.pipeline.PipelineRunner;
import dev.caig.runtime.stage.StageContext;
import dev.caig.runtime.stage.UserDataUpload;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.LocalArtifactStore;
import dev.caig.runtime.store.StoreSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Bring your own data" path on the 8 real product photos of caig-tiny, with a click log of creatives
 * rendered for those products: the stage commands one by one (local files), then the sample pipeline on s3:// data.
 */
class BringYourOwnDataTest {
    static final Path SAMPLE = Path.of("..", "samples", "local", "byod-tiny.yaml");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path catalog;
    static Path clickLog;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static CliRun ok(String... args) {
        CliRun r = run(args);
        assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }

    @BeforeAll
    static void simulateAClickLogForCaigTiny() {
        catalog = TestData.caigTiny().resolve("tiny.json");
        ok("market", "clicks", "--catalog", catalog.toString(), "--out", tmp.resolve("data").toString());
        clickLog = tmp.resolve("data/clicks.json");
        assertTrue(Files.isRegularFile(clickLog));
    }

    @Test
    void theStageCommandsTrainOnTheTeamsFilesAndGenerateRankedAdsDeterministically() throws IOException {
        String t = catalog.toString();
        String l = clickLog.toString();
        String c = SAMPLE.toString();
        Path models = tmp.resolve("models");

        CliRun validate = ok("data", "validate", "--catalog", t, "--click-log", l);
        assertTrue(validate.out().contains("8 products, 96 creatives"), validate.out());
        assertTrue(validate.out().matches("(?s).*\\d+ reward pairs \\(impressions > 1000, CTR ratio 1.05-1.20\\).*"), validate.out());

        Path copy = tmp.resolve("uploaded");
        CliRun upload = ok("data", "upload", "--catalog", t, "--click-log", l, "--to", copy.toString());
        assertTrue(upload.out().startsWith("uploaded 106 files to " + copy), upload.out());
        CliRun copied = ok("data", "validate", "--catalog", copy.resolve("tiny.json").toString(),
                "--click-log", copy.resolve("clicks.json").toString());
        assertTrue(copied.out().contains("8 products, 96 creatives"), "a copy keeps the relative paths: " + copied.out());

        ok("pretrain", "--catalog", t, "--config", c, "--out", models.resolve("pretrain").toString());
        ok("reward", "train", "--catalog", t, "--click-log", l, "--config", c, "--out", models.resolve("reward").toString());
        ok("finetune", "--catalog", t, "--config", c, "--policy", models.resolve("pretrain").toString(),
                "--reward", models.resolve("reward").toString(), "--out", models.resolve("pcpo").toString());
        try (LocalArtifactStore store = new LocalArtifactStore()) {
            ArtifactManifest reward = store.requireManifest(ArtifactUri.local(models.resolve("reward")));
            assertEquals("reward-model", reward.kind());
            assertTrue(reward.metrics().get("heldOutPairs").intValue() > 0, "held-out products have pairs: " + reward.metrics());
            double accuracy = reward.metrics().get("accuracy").doubleValue();
            assertTrue(accuracy >= 0 && accuracy <= 1, "reward accuracy is reported: " + reward.metrics());
            ArtifactManifest pcpo = store.requireManifest(ArtifactUri.local(models.resolve("pcpo")));
            assertEquals("pcpo", pcpo.producer());
            assertEquals(3, pcpo.metrics().get("iterations").intValue());
        }
        // the baseline PCPO must beat, from the same command
        ok("finetune", "--method", "best-of-n", "--catalog", t, "--config", c, "--policy", models.resolve("pretrain").toString(),
                "--reward", models.resolve("reward").toString(), "--out", models.resolve("best-of-n").toString());
        try (LocalArtifactStore store = new LocalArtifactStore()) {
            assertEquals("best-of-n", store.requireManifest(ArtifactUri.local(models.resolve("best-of-n"))).producer());
        }
        CliRun unknown = run("finetune", "--method", "ppo", "--catalog", t, "--config", c, "--policy",
                models.resolve("pretrain").toString(), "--reward", models.resolve("reward").toString(), "--out",
                models.resolve("ppo").toString());
        assertTrue(unknown.exit() != 0 && unknown.err().contains("--method must be pcpo, dpo or best-of-n, not 'ppo'"),
                unknown.exit() + " " + unknown.err());

        List<String> generate = List.of("generate", "--policy", models.resolve("pcpo").toString(),
                "--reward", models.resolve("reward").toString(), "--catalog", t, "--candidates", "3", "--seed", "7", "--out");
        ok(withLast(generate, tmp.resolve("ads").toString()));
        ok(withLast(generate, tmp.resolve("ads-again").toString()));

        JsonNode manifest = JSON.readTree(tmp.resolve("ads/manifest.json").toFile());
        assertEquals(8, manifest.path("generated").asInt());
        assertEquals(0, manifest.path("skipped").asInt());
        for (JsonNode product : manifest.path("products")) {
            JsonNode candidates = product.path("candidates");
            assertEquals(3, candidates.size(), product.path("id").asText());
            for (int r = 0; r < 3; r++) {
                JsonNode candidate = candidates.get(r);
                assertEquals(r + 1, candidate.path("rank").asInt());
                assertTrue(candidate.path("description").isTextual(), candidate.toString());
                assertTrue(Files.isRegularFile(tmp.resolve("ads").resolve(candidate.path("image").asText())));
                if (r > 0) {
                    assertTrue(candidates.get(r - 1).path("score").asDouble() >= candidate.path("score").asDouble(),
                            "best first: " + candidates);
                }
            }
        }
        assertEquals(8 * 3 + 1, Files.readAllLines(tmp.resolve("ads/manifest.csv")).size());
        assertTrue(Files.size(tmp.resolve("ads/contact-sheet.png")) > 0);
        assertSameFiles(tmp.resolve("ads"), tmp.resolve("ads-again"));
    }

    @Test
    void anEnsembleTrainsEveryMemberAndItsFirstMemberIsTheSingleModel() throws IOException {
        Path single = tmp.resolve("reward-single");
        Path ensemble = tmp.resolve("reward-ensemble");
        trainReward(single);
        trainReward(ensemble, "--set", "reward.members=2");

        try (LocalArtifactStore store = new LocalArtifactStore()) {
            ArtifactManifest manifest = store.requireManifest(ArtifactUri.local(ensemble));
            assertEquals(2, manifest.metrics().get("members").intValue(), manifest.metrics().toString());
            double accuracy = manifest.metrics().get("ensembleAccuracy").doubleValue();
            assertTrue(accuracy >= 0 && accuracy <= 1, manifest.metrics().toString());
            assertTrue(manifest.files().containsKey("reward-model.member-1.params"), manifest.files().toString());
            assertTrue(manifest.files().containsKey("history.member-1.json"), manifest.files().toString());
            assertEquals(store.requireManifest(ArtifactUri.local(single)).files().get("reward-model.params"),
                    manifest.files().get("reward-model.params"), "member 0 is the model a single-member run trains");
            assertTrue(!manifest.files().get("reward-model.params").equals(manifest.files().get("reward-model.member-1.params")),
                    "member 1 trains from another seed");
        }
        try (RewardModel model = RewardModel.load(ensemble)) {
            assertEquals(2, model.members());
        }

        // As if the run had died after member 0 finished and before member 1 began: the artifact was never published
        // and member 1 has no checkpoint. The rerun restores member 0 from its last checkpoint and trains member 1.
        Map<String, String> published;
        try (LocalArtifactStore store = new LocalArtifactStore()) {
            published = store.requireManifest(ArtifactUri.local(ensemble)).files();
        }
        Files.delete(ensemble.resolve("manifest.json"));
        deleteTree(ensemble.resolve("checkpoint-part-1"));
        List<Path> memberZeroSlots;
        try (Stream<Path> slots = Files.list(ensemble.resolve("checkpoint"))) {
            memberZeroSlots = slots.sorted().toList();
        }
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(memberZeroSlots.get(memberZeroSlots.size() - 1));
        trainReward(ensemble, "--set", "reward.members=2");
        try (Stream<Path> slots = Files.list(ensemble.resolve("checkpoint"))) {
            assertEquals(memberZeroSlots, slots.sorted().toList(), "member 0 wrote no new checkpoint: it was restored");
        }
        assertEquals(before, Files.getLastModifiedTime(memberZeroSlots.get(memberZeroSlots.size() - 1)));
        assertTrue(Files.isDirectory(ensemble.resolve("checkpoint-part-1")), "member 1 was trained again");
        try (LocalArtifactStore store = new LocalArtifactStore()) {
            Map<String, String> again = store.requireManifest(ArtifactUri.local(ensemble)).files();
            assertEquals(published.get("reward-model.params"), again.get("reward-model.params"));
            assertEquals(published.get("reward-model.member-1.params"), again.get("reward-model.member-1.params"));
        }
    }

    /**
     * With {@code pcpo.restarts: 2} the stage fine-tunes twice and publishes the restart the reward model prefers on
     * its validation products; killed after the first restart, a rerun restores it and trains the second only.
     */
    @Test
    void restartsTrainEachRunAndPublishTheOneTheRewardModelPrefersOnItsValidationProducts() throws IOException {
        Path models = tmp.resolve("restarts");
        String c = SAMPLE.toString();
        // half of the 6 training products validate: caig-tiny is small, the default 0.1 would leave none
        String validation = "reward.validationFraction=0.5";
        ok("pretrain", "--catalog", catalog.toString(), "--config", c, "--out", models.resolve("pretrain").toString());
        trainReward(models.resolve("reward"), "--set", validation);
        List<String> finetune = List.of("finetune", "--catalog", catalog.toString(), "--config", c,
                "--policy", models.resolve("pretrain").toString(), "--reward", models.resolve("reward").toString(),
                "--set", validation, "--set", "pcpo.restarts=2", "--out", models.resolve("pcpo").toString());
        ok(finetune.toArray(String[]::new));
        Path pcpo = models.resolve("pcpo");
        JsonNode restarts = JSON.readTree(pcpo.resolve("restarts.json").toFile());
        assertEquals(2, restarts.size());
        Map<String, String> published;
        try (LocalArtifactStore store = new LocalArtifactStore()) {
            ArtifactManifest manifest = store.requireManifest(ArtifactUri.local(pcpo));
            Map<String, Number> m = manifest.metrics();
            assertEquals(2, m.get("restarts").intValue(), m.toString());
            int chosen = m.get("selectedRestart").intValue();
            double best = Math.max(restarts.get(0).path("selectionWinRate").asDouble(),
                    restarts.get(1).path("selectionWinRate").asDouble());
            assertEquals(best, m.get("selectionWinRate").doubleValue(), 1e-12, "the restart with the higher win rate");
            assertEquals(best, restarts.get(chosen).path("selectionWinRate").asDouble(), 1e-12);
            assertTrue(restarts.get(chosen).path("chosen").asBoolean());
            int selection = m.get("selectionProducts").intValue();
            assertTrue(selection > 0 && selection < 6, "the reward model's validation products: " + m);
            published = manifest.files();
        }

        // As if the run had died after restart 0 finished and before restart 1 began.
        Files.delete(pcpo.resolve("manifest.json"));
        deleteTree(pcpo.resolve("checkpoint-part-1"));
        List<Path> restartZeroSlots;
        try (Stream<Path> slots = Files.list(pcpo.resolve("checkpoint"))) {
            restartZeroSlots = slots.sorted().toList();
        }
        ok(finetune.toArray(String[]::new));
        try (Stream<Path> slots = Files.list(pcpo.resolve("checkpoint"))) {
            assertEquals(restartZeroSlots, slots.sorted().toList(), "restart 0 was restored, not trained again");
        }
        try (LocalArtifactStore store = new LocalArtifactStore()) {
            assertEquals(published.get("prompt-model.params"),
                    store.requireManifest(ArtifactUri.local(pcpo)).files().get("prompt-model.params"),
                    "the same policy is published: " + published.keySet());
        }
    }

    /** caig reward train on caig-tiny's catalog and simulated click log with the sample config, into {@code out}. */
    private static void trainReward(Path out, String... settings) {
        List<String> args = new ArrayList<>(List.of("reward", "train", "--catalog", catalog.toString(),
                "--click-log", clickLog.toString(), "--config", SAMPLE.toString()));
        args.addAll(List.of(settings));
        args.addAll(List.of("--out", out.toString()));
        ok(args.toArray(String[]::new));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void theSamplePipelineRunsOnDataInS3AndReportsWhatCanBeMeasuredWithoutAnOracle() throws IOException {
        PipelineConfig sample = PipelineConfigLoader.load(SAMPLE);
        assertEquals(catalog.toRealPath(), Path.of("..").resolve(sample.data().catalog()).toRealPath(),
                "the sample names caig-tiny relative to the repository root");
        StoreSettings settings = StoreSettings.from(Map.of()).withLocalStoreDir(tmp.resolve("store"));
        try (ArtifactStore store = ArtifactStores.open(settings)) {
            UserDataUpload.Result data = new UserDataUpload(store).upload(catalog, clickLog, ArtifactUri.parse("s3://caig/byod/data"));
            PipelineConfig config = withData(sample, data.catalog().toString(), data.clickLog().toString());
            StageContext ctx = new StageContext(store, ArtifactUri.parse("s3://caig/byod/run"), config, tmp.resolve("work"));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            Map<String, ArtifactManifest> done = new PipelineRunner(new PrintStream(log, true)).run(ctx, null, false);

            assertEquals(List.of("pretrain", "reward", "pcpo", "evaluate"), List.copyOf(done.keySet()));
            String text = log.toString();
            assertTrue(text.indexOf("data: 8 products, 96 creatives") < text.indexOf("pretrain: starting"),
                    "the data summary comes before any training: " + text);
            Path report = tmp.resolve("report");
            store.fetch(ctx.artifact(EvaluateStage.NAME), report);
            JsonNode json = JSON.readTree(report.resolve(EvaluateStage.REPORT_JSON).toFile());
            assertTrue(json.path("reward").path("pairs").asInt() > 0, json.toString());
            assertTrue(json.path("reward").path("accuracy").isNumber(), json.toString());
            assertTrue(json.path("rewardWinRate").path("pcpoVsPretrained").isNumber(), json.toString());
            assertFalse(json.path("onlineLiftMeasurable").asBoolean(true));
            assertFalse(json.has("ab"), "no simulated A/B test without an oracle");
            assertTrue(Files.readString(report.resolve(EvaluateStage.REPORT_MD)).contains("no online lift can be measured offline"));
        }
    }

    @Test
    void tooFewPairsStopTheSamplePipelineBeforeAnyTrainingWithTheCountsAndWhatWouldGiveMore() {
        PipelineConfig sample = PipelineConfigLoader.load(SAMPLE);
        PipelineConfig strict = PipelineConfigLoader.withOverrides(withData(sample, catalog.toString(), clickLog.toString()),
                List.of("reward.minPairs=500"));
        try (ArtifactStore store = new LocalArtifactStore()) {
            StageContext ctx = new StageContext(store, ArtifactUri.local(tmp.resolve("strict")), strict, tmp.resolve("work-strict"));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            CaigException e = assertThrows(CaigException.class,
                    () -> new PipelineRunner(new PrintStream(log, true)).run(ctx, null, false));
            assertTrue(e.getMessage().matches("(?s).*only \\d+ reward pairs survive the filters.*at least 500 are needed.*"
                    + "Relaxed thresholds would give:.*impressions > 500.*"), e.getMessage());
            assertFalse(log.toString().contains("pretrain: starting"), log.toString());
        }
    }

    private static PipelineConfig withData(PipelineConfig c, String catalogUri, String clickLogUri) {
        return new PipelineConfig(c.name(), c.seed(), new PipelineConfig.Data(null, catalogUri, clickLogUri,
                c.data().heldOutFraction()), c.render(), c.promptModel(), c.pretrain(), c.reward(), c.pcpo(), c.evaluate());
    }

    private static String[] withLast(List<String> args, String last) {
        List<String> all = new ArrayList<>(args);
        all.add(last);
        return all.toArray(String[]::new);
    }

    private static void assertSameFiles(Path a, Path b) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(a)) {
            files = walk.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
        }
        try (Stream<Path> walk = Files.walk(b)) {
            assertEquals(files, walk.filter(Files::isRegularFile).map(b::relativize).sorted().toList());
        }
        // 8 x 3 ads, a row per product, manifest.json/.csv, the contact sheet, batch.json, progress.json, rows.jsonl
        assertEquals(8 * 3 + 8 + 6, files.size(), files.toString());
        for (Path rel : files) {
            assertArrayEquals(Files.readAllBytes(a.resolve(rel)), Files.readAllBytes(b.resolve(rel)), "same seed, same bytes: " + rel);
        }
    }
}

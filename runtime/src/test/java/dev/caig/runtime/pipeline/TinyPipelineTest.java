package dev.caig.runtime.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.eval.EvaluateStage;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.stage.StageContext;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole pipeline at toy scale on the embedded S3 server: the same code path a local run and a pod take. */
class TinyPipelineTest {
    static final String CONFIG = """
            name: tiny
            seed: 3
            data: {market: {products: 10, creativesPerProduct: 8, seed: 3}, heldOutFraction: 0.3}
            render: {size: 64}
            promptModel: {imageSize: 32, patchSize: 16, embedDim: 32, layers: 1, heads: 2, maxSeqLen: 64, maxAnswerTokens: 12}
            pretrain: {epochs: 1, batchSize: 16, examplesPerProduct: 4}
            reward: {epochs: 1, imageSize: 32, channels: 4, minImpressions: 100, minCtrRatio: 1.0, maxCtrRatio: 3.0, minPairs: 2}
            pcpo: {iterations: 2, batchSamples: 4, learningRate: 0.001, batchSize: 4}
            evaluate: {impressionsPerArm: 2000, samplesPerProduct: 1, oracleCandidates: 2}
            """;

    @Test
    void runsEveryStageWritesTheReportAndSkipsFinishedStagesOnReRun(@TempDir Path dir) throws Exception {
        PipelineConfig config = PipelineConfigLoader.parse(CONFIG, "tiny");
        StoreSettings settings = StoreSettings.from(Map.of()).withLocalStoreDir(dir.resolve("store"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (ArtifactStore store = ArtifactStores.open(settings)) {
            StageContext ctx = new StageContext(store, ArtifactUri.parse("s3://caig/tiny"), config, dir.resolve("work"));
            Map<String, ArtifactManifest> first = new PipelineRunner(new PrintStream(log)).run(ctx, null, false);
            assertEquals(List.of("market", "pretrain", "reward", "pcpo", "dpo", "evaluate"), List.copyOf(first.keySet()));

            Path report = dir.resolve("report");
            store.fetch(ctx.artifact(EvaluateStage.NAME), report);
            JsonNode json = new ObjectMapper().readTree(report.resolve(EvaluateStage.REPORT_JSON).toFile());
            for (String key : List.of("accuracy", "ceiling", "chance", "accuracyTrueOrder", "pairs")) {
                assertTrue(json.path("reward").has(key), "reward." + key);
            }
            JsonNode fresh = json.path("reward").path("freshCandidates");
            double accuracy = fresh.path("accuracyTrueOrder").asDouble(-1);
            assertTrue(accuracy >= 0 && accuracy <= 1, "fresh-candidate accuracy " + fresh);
            assertTrue(fresh.path("oraclePickLift").asDouble() > 0, "the oracle's pick beats an average candidate");
            assertTrue(fresh.path("oraclePickLift").asDouble() >= fresh.path("pickLift").asDouble(),
                    "no pick beats the oracle's: " + fresh);
            JsonNode arms = json.path("ab").path("arms");
            List<String> names = new java.util.ArrayList<>();
            arms.forEach(a -> names.add(a.path("name").asText()));
            assertEquals(List.of("random", "universal", "pretrained", "dpo", "pcpo", "pretrained-reranked", "dpo-reranked",
                    "pcpo-reranked", "oracle"), names);
            for (JsonNode arm : arms) {
                for (String key : List.of("name", "impressions", "clicks", "ctr", "liftVsPretrained", "ci95", "pValue",
                        "pValueVs", "matchRate", "wellFormedRate", "distinctPerProduct")) {
                    assertTrue(arm.has(key), arm.path("name") + "." + key);
                }
                assertEquals(2000, arm.path("impressions").asLong());
                double wellFormed = arm.path("wellFormedRate").asDouble(-1);
                assertTrue(wellFormed >= 0 && wellFormed <= 1, arm.toString());
            }
            JsonNode pretrained = arms.get(2);
            assertTrue(pretrained.path("ci95").isNull() && pretrained.path("pValue").isNull(),
                    "no CI or test of the baseline against itself: " + pretrained);
            double p = arms.get(7).path("pValueVs").path("pretrained-reranked").asDouble(-1);
            assertTrue(p >= 0 && p <= 1, "pcpo-reranked is tested against pretrained-reranked: " + arms.get(7));
            assertEquals(1.0, arms.get(1).path("distinctPerProduct").asDouble(), "universal shows one description");
            assertEquals(1.0, arms.get(1).path("topDescriptionShare").asDouble(), "universal shows it to every product");
            assertTrue(arms.get(0).path("topDescriptionShare").asDouble() < 0.5,
                    "random descriptions are drawn afresh for every creative: " + arms.get(0));
            assertEquals(1.0, arms.get(1).path("wellFormedRate").asDouble(), "a generated description is well-formed");
            JsonNode headroom = json.path("productCentricHeadroom");
            // the mean of each product's best is at least the best mean: equal only if one description is every product's best
            assertTrue(headroom.path("perProductBestMeanTrueCtr").asDouble() >= headroom.path("universalMeanTrueCtr").asDouble()
                    && headroom.path("universalMeanTrueCtr").asDouble() > 0, headroom.toString());
            assertEquals(arms.get(1).path("meanTrueCtr").asDouble(), headroom.path("universalMeanTrueCtr").asDouble(), 1e-12,
                    "universal's own figure, measured on the same ads");
            // the reward model chooses among the same candidates: per product it can do no better than the oracle's
            // own best, and its one description for all no better than universal's
            double perProductBest = headroom.path("perProductBestMeanTrueCtr").asDouble();
            double rewardPick = headroom.path("rewardModelPickMeanTrueCtr").asDouble(-1);
            double rewardUniversal = headroom.path("rewardModelUniversalMeanTrueCtr").asDouble(-1);
            assertTrue(rewardPick > 0 && rewardPick <= perProductBest + 1e-12, headroom.toString());
            assertTrue(rewardUniversal > 0 && rewardUniversal <= headroom.path("universalMeanTrueCtr").asDouble() + 1e-12,
                    headroom.toString());
            String markdown = Files.readString(report.resolve("report.md"));
            assertTrue(markdown.contains("Product-centric headroom: among the same"), "report.md states the headroom");
            assertTrue(markdown.contains("Chosen by the reward model instead of the oracle"),
                    "report.md states the reward model's choices among the same candidates");
            assertTrue(json.has("config"));
            assertTrue(report.resolve("contact-sheet.png").toFile().isFile());
            assertTrue(report.resolve("figures/pcpo-losses.png").toFile().isFile());

            ByteArrayOutputStream second = new ByteArrayOutputStream();
            Map<String, ArtifactManifest> again = new PipelineRunner(new PrintStream(second)).run(ctx, null, false);
            assertEquals(first.get("pcpo").digest(), again.get("pcpo").digest(), "a finished stage is not run again");
            assertTrue(second.toString().contains("pcpo: already done"), second.toString());

            assertTrue(ctx.checkpoints("pretrain").latest().isPresent(), "a finished stage leaves its last checkpoint");
            ctx.clearCheckpoints("pretrain");
            assertTrue(ctx.checkpoints("pretrain").latest().isEmpty(), "--force starts a stage from scratch");
            ByteArrayOutputStream forced = new ByteArrayOutputStream();
            Map<String, ArtifactManifest> rerun = new PipelineRunner(new PrintStream(forced)).run(ctx, "pretrain", true);
            assertTrue(forced.toString().contains("pretrain: starting"), forced.toString());
            assertEquals(first.get("pretrain").metrics().get("loss"), rerun.get("pretrain").metrics().get("loss"),
                    "retrained from scratch with the same seed, it ends where the first run did");

            // pretrain was made again above, so pcpo's input changed; with a changed setting too, the rerun stops.
            PipelineConfig changed = PipelineConfigLoader.parse(CONFIG.replace("learningRate: 0.001, batchSize: 4",
                    "learningRate: 0.002, batchSize: 4"), "tiny");
            StageContext changedCtx = new StageContext(store, ctx.root(), changed, dir.resolve("work"));
            CaigException stop = assertThrows(CaigException.class,
                    () -> new PipelineRunner(new PrintStream(new ByteArrayOutputStream())).run(changedCtx, null, false));
            assertTrue(stop.getMessage().startsWith("pcpo: s3://caig/tiny/pcpo was made with other settings (pcpo.learningRate"
                    + " 0.001 -> 0.002, input pretrain is another artifact than it was made from); rerun with --force-stage pcpo"),
                    stop.getMessage());

            ByteArrayOutputStream followUp = new ByteArrayOutputStream();
            Map<String, ArtifactManifest> remade = new PipelineRunner(new PrintStream(followUp)).run(ctx, null, false);
            assertTrue(followUp.toString().contains("caig: pcpo: making it again, its inputs changed (input pretrain"),
                    followUp.toString());
            assertTrue(followUp.toString().contains("caig: reward: already done"), followUp.toString());
            assertEquals(rerun.get("pretrain").digest(), remade.get("pretrain").digest());
            assertEquals(ctx.fingerprint("evaluate").hash(), remade.get("evaluate").provenance().configHash(),
                    "what depends on a remade artifact is made again, and records the new inputs");

            Path model = dir.resolve("pcpo-model");
            store.fetch(ctx.artifact("pcpo"), model);
            try (PromptModel reloaded = PromptModel.load(model)) {
                assertEquals(config.promptModel().embedDim(), reloaded.config().embedDim());
            }
        }
    }
}

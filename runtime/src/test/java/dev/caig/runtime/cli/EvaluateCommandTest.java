package dev.caig.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.eval.EvaluateStage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code caig evaluate} on a toy pipeline trained through the command line into local folders (no DPO ablation). */
class EvaluateCommandTest {
    private static final String CONFIG = """
            name: tiny-eval
            seed: 5
            data: {market: {products: 10, creativesPerProduct: 8, seed: 5}, heldOutFraction: 0.3}
            render: {size: 64}
            promptModel: {imageSize: 32, patchSize: 16, embedDim: 32, layers: 1, heads: 2, maxSeqLen: 64, maxAnswerTokens: 12}
            pretrain: {epochs: 1, batchSize: 16, examplesPerProduct: 4}
            reward: {epochs: 1, imageSize: 32, channels: 4, minImpressions: 100, minCtrRatio: 1.0, maxCtrRatio: 3.0, minPairs: 2}
            pcpo: {iterations: 1, batchSamples: 4, learningRate: 0.001, batchSize: 4}
            evaluate: {impressionsPerArm: 2000, samplesPerProduct: 1, oracleCandidates: 2}
            """;

    @TempDir
    static Path dir;
    static Path config;
    static Path run;

    private static CliRun caig(String... args) {
        return CliRun.of(args);
    }

    /** Trains market, pretrain, reward and pcpo, one stage per command as Kubernetes Jobs do; dpo is left out. */
    @BeforeAll
    static void trainPipeline() throws IOException {
        config = Files.writeString(dir.resolve("tiny.yaml"), CONFIG);
        run = dir.resolve("run");
        for (String stage : List.of("market", "pretrain", "reward", "pcpo")) {
            CliRun r = caig("pipeline", "--config", config.toString(), "--out", run.toString(), "--stage", stage);
            assertEquals(0, r.exit(), stage + ": " + r.err());
        }
    }

    @Test
    void evaluatesATrainedPipelineWithTheConfigRecordedInItsPolicy() throws IOException {
        Path report = dir.resolve("report");
        CliRun r = caig("evaluate", "--pipeline", run.toString(), "--export", report.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("artifact: " + run.resolve(EvaluateStage.NAME)), r.out());
        assertTrue(Files.isRegularFile(run.resolve(EvaluateStage.NAME).resolve("manifest.json")), "published as an artifact");

        JsonNode json = new ObjectMapper().readTree(report.resolve(EvaluateStage.REPORT_JSON).toFile());
        assertEquals(List.of("random", "universal", "pretrained", "pcpo", "pretrained-reranked", "pcpo-reranked", "oracle"),
                armNames(json), "no dpo artifact, no dpo arm");
        assertEquals(2000, json.path("ab").path("arms").get(0).path("impressions").asLong());
        assertEquals("tiny-eval", json.path("config").path("name").asText());
        assertTrue(json.path("reward").has("accuracy"));
        assertTrue(Files.isRegularFile(report.resolve(EvaluateStage.REPORT_MD)));
        assertTrue(Files.isRegularFile(report.resolve("contact-sheet.png")));

        CliRun again = caig("evaluate", "--pipeline", run.toString(), "--export", report.toString());
        assertEquals(CaigCommand.EXIT_USER_ERROR, again.exit());
        assertTrue(again.err().contains("already holds an evaluation; pass --force"), again.err());
    }

    @Test
    void evaluatesExplicitlyNamedModelsWithOverriddenSettings() throws IOException {
        Path out = dir.resolve("explicit-eval");
        Path report = dir.resolve("explicit-report");
        CliRun r = caig("evaluate", "--config", config.toString(), "--set", "evaluate.impressionsPerArm=500",
                "--market", run.resolve("market").toString(), "--reference", run.resolve("pretrain").toString(),
                "--reward", run.resolve("reward").toString(), "--policy", run.resolve("pcpo").toString(),
                "--out", out.toString(), "--export", report.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
        JsonNode json = new ObjectMapper().readTree(report.resolve(EvaluateStage.REPORT_JSON).toFile());
        assertEquals(List.of("random", "universal", "pretrained", "pcpo", "pretrained-reranked", "pcpo-reranked", "oracle"),
                armNames(json));
        for (JsonNode arm : json.path("ab").path("arms")) {
            assertEquals(500, arm.path("impressions").asLong(), "--set reached the A/B test");
        }
    }

    @Test
    void missingModelsAreNamedInOneLine() {
        CliRun noPipeline = caig("evaluate", "--pipeline", dir.resolve("nothing").toString(),
                "--export", dir.resolve("unused").toString());
        assertEquals(CaigCommand.EXIT_USER_ERROR, noPipeline.exit());
        assertTrue(noPipeline.err().startsWith("caig: error: evaluate: no policy at " + dir.resolve("nothing").resolve("pcpo")),
                noPipeline.err());

        CliRun noReward = caig("evaluate", "--pipeline", run.toString(), "--reward", dir.resolve("no-reward").toString(),
                "--out", dir.resolve("unused-eval").toString(), "--export", dir.resolve("unused").toString());
        assertEquals(CaigCommand.EXIT_USER_ERROR, noReward.exit());
        assertTrue(noReward.err().contains("no artifact (no manifest.json) for reward at " + dir.resolve("no-reward")),
                noReward.err());
        assertEquals(1, noReward.err().strip().lines().count(), noReward.err());
        assertFalse(Files.exists(dir.resolve("unused-eval")), "nothing written");
    }

    @Test
    void needsAPipelineOrEveryModelAndHasHelp() {
        CliRun bare = caig("evaluate", "--policy", run.resolve("pcpo").toString());
        assertEquals(2, bare.exit());
        assertTrue(bare.err().contains("give --pipeline URI, or all of --policy, --reference, --reward and --out"), bare.err());

        CliRun help = caig("evaluate", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("Usage: caig evaluate"), help.out());
        assertTrue(help.out().contains("--pipeline=URI"), help.out());
    }

    private static List<String> armNames(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.path("ab").path("arms").forEach(a -> names.add(a.path("name").asText()));
        return names;
    }
}

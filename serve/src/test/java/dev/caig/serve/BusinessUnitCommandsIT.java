package dev.caig.serve;

import dev.caig.runtime.serve.ServeClient;
import dev.caig.runtime.serve.ServeFixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.caig.runtime.ReadmeCommands;

/**
 * README, "For business units": its commands, as written, run by bash against a generator on loopback (tiny models,
 * an API key file as the operator mounts it); only the cluster URL is replaced by the loopback one.
 */
class BusinessUnitCommandsIT {
    private static final String SECTION = "## For business units";
    private static final String CLUSTER_URL = "http://beauty.caig.svc.cluster.local";
    private static final String KEY = "key-for-the-beauty-team";

    @TempDir
    static Path dir;
    static ServeProcess server;

    @BeforeAll
    static void start() throws Exception {
        ServeFixtures.Artifacts models = ServeFixtures.publishTinyModels(dir.resolve("models"));
        Path keys = Files.writeString(dir.resolve("keys"), KEY + "\n");
        server = ServeProcess.startReady(dir, models, "--api-keys-file", keys.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theDocumentedCallsAnswerWithRankedAds() throws Exception {
        List<String> commands = ReadmeCommands.of(SECTION);
        assertEquals(2, commands.size(), commands.toString());
        assertTrue(commands.get(0).startsWith("curl ") && commands.get(0).contains(CLUSTER_URL), commands.get(0));
        assertTrue(commands.get(1).startsWith("jq "), commands.get(1));
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.write(work.resolve("product.png"), ServeFixtures.productPng());

        for (String command : commands) {
            String local = command.replace(CLUSTER_URL, "http://127.0.0.1:" + server.port());
            ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", local).directory(work.toFile())
                    .redirectErrorStream(true);
            pb.environment().put("CAIG_API_KEY", KEY);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
            assertEquals(0, p.exitValue(), command + "\n" + output + missingTool(output));
        }

        JsonNode answer = new ObjectMapper().readTree(work.resolve("answer.json").toFile());
        JsonNode candidates = answer.path("candidates");
        assertEquals(4, candidates.size(), answer.toString().substring(0, Math.min(300, answer.toString().length())));
        for (int i = 0; i < candidates.size(); i++) {
            assertEquals(i + 1, candidates.get(i).path("rank").asInt());
            assertTrue(candidates.get(i).has("score") && candidates.get(i).has("description"));
            if (i > 0) {
                assertTrue(candidates.get(i - 1).path("score").asDouble() >= candidates.get(i).path("score").asDouble());
            }
        }
        assertEquals(7, answer.path("seed").asInt());
        BufferedImage best = ImageIO.read(work.resolve("best-ad.png").toFile());
        assertTrue(best != null && best.getWidth() > 0, "best-ad.png is not a PNG");
    }

    private static String missingTool(String output) {
        return output.contains("command not found") ? "\n(the README's commands need curl, jq and base64 on PATH)" : "";
    }
}

package dev.caig.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caig.runtime.ReadmeCommands;
import dev.caig.runtime.serve.ServeClient;
import dev.caig.runtime.serve.ServeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README, "Serve a generator": the JSON and multipart calls, as written, with a product photo of over 500 KB (the
 * size of a real one; base64 on the command line fails with "Argument list too long" long before that).
 */
class ReadmeServeCommandsIT {
    private static final String SECTION = "## Serve a generator";
    private static final String PHOTO = "/tmp/serve-run/market/products/p00000.png";

    @Test
    void theDocumentedCallsWorkWithA500KbPhoto(@TempDir Path dir) throws Exception {
        Path photo = dir.resolve("photo.png");
        Files.write(photo, ServeFixtures.png(noisyProduct(420, 420, new Random(5))));
        assertTrue(Files.size(photo) > 500_000, "photo size " + Files.size(photo));
        try (ServeProcess server = ServeProcess.startReady(dir)) {
            for (String prefix : new String[] {"jq -n --rawfile image", "curl -s localhost:8080/v1/generate -F"}) {
                String command = ReadmeCommands.starting(SECTION, prefix).replace(PHOTO, photo.toString())
                        .replace("localhost:8080", "127.0.0.1:" + server.port());
                ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command).directory(dir.toFile());
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), command);
                assertEquals(0, p.exitValue(), command + "\n" + err);
                JsonNode answer = ServeClient.JSON.readTree(out);
                assertEquals(4, answer.path("candidates").size(), out.substring(0, Math.min(300, out.length())));
                assertEquals(7, answer.path("seed").asInt());
            }
        }
    }

    /** A product of random pixels (so PNG cannot compress it) on a transparent background. */
    private static BufferedImage noisyProduct(int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean product = x > width / 5 && x < width * 4 / 5 && y > height / 6 && y < height * 5 / 6;
                image.setRGB(x, y, product ? 0xFF000000 | random.nextInt(0x1000000) : random.nextInt(0x1000000));
            }
        }
        return image;
    }
}

package dev.caig.serve;

import dev.caig.runtime.serve.ServeClient;
import dev.caig.runtime.serve.ServeFixtures;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web page in headless Chromium (Debian's {@code chromium}; {@code ./verify} installs it): opened with
 * {@code ?demo=1} it uploads a drawn product and shows the ranked candidates. Checked twice: the DOM after the page
 * ran, and a screenshot, in which the rank badges are counted by their colour. The screenshot is kept as
 * {@code target/serve-page.png}.
 */
class WebPageChromiumIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** The rank badge colour of the page's CSS (#1f6feb). */
    static final int BADGE = 0x1F6FEB;

    @TempDir
    static Path dir;
    static ServeProcess open;
    static ServeProcess keyed;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: apt-get install chromium (./verify does)");
        ServeFixtures.Artifacts models = ServeFixtures.publishTinyModels(dir.resolve("models"));
        open = ServeProcess.startReady(dir, models);
        Path keys = dir.resolve("keys");
        Files.writeString(keys, "page-key-1\n");
        keyed = ServeProcess.startReady(dir, models, "--api-keys-file", keys.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        open.close();
        keyed.close();
    }

    @Test
    void thePageShowsTheRankedCandidates() throws Exception {
        String dom = chromium("--dump-dom", url(open, "?demo=1&candidates=3"));
        assertTrue(dom.contains("<title>CAIG: 3 candidates</title>"), dom);
        assertTrue(dom.contains("data-state=\"done\" data-count=\"3\""), dom);
        assertEquals(List.of("1", "2", "3"), all(dom, "class=\"tile\" data-rank=\"(\\d+)\""));
        List<String> scores = all(dom, "class=\"score\">score (-?[0-9.]+)<");
        assertEquals(3, scores.size(), dom);
        for (int i = 1; i < scores.size(); i++) {
            assertTrue(Double.parseDouble(scores.get(i - 1)) >= Double.parseDouble(scores.get(i)), "best first: " + scores);
        }
        assertEquals(3, all(dom, "<img alt=\"[^\"]*\" src=\"(data:image/png;base64,)").size(), "three ad images");
    }

    @Test
    void theScreenshotShowsThreeRankedImages() throws Exception {
        Path shot = dir.resolve("page.png");
        chromium("--screenshot=" + shot, "--window-size=1200,900", "--hide-scrollbars", url(open, "?demo=1&candidates=3"));
        Path kept = Path.of("target", "serve-page.png");
        Files.createDirectories(kept.getParent());
        Files.copy(shot, kept, StandardCopyOption.REPLACE_EXISTING);

        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(3, badges(image), "one rank badge per candidate");
        // The ads are rendered scenes: the lower half of the page holds thousands of colours, a blank page a few.
        Set<Integer> colours = new HashSet<>();
        for (int y = image.getHeight() / 2; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertTrue(colours.size() > 1000, "the result images are drawn: " + colours.size() + " colours");
    }

    @Test
    void thePageWorksWithAnApiKeyAndSaysWhenItIsMissing() throws Exception {
        String withKey = chromium("--dump-dom", url(keyed, "?demo=1&candidates=2#key=page-key-1"));
        assertTrue(withKey.contains("data-state=\"done\" data-count=\"2\""), withKey);
        assertEquals(List.of("1", "2"), all(withKey, "class=\"tile\" data-rank=\"(\\d+)\""));

        String without = chromium("--dump-dom", url(keyed, "?demo=1&candidates=2"));
        assertTrue(without.contains("data-state=\"error\""), without);
        assertTrue(without.contains("Unauthorized"), without);
    }

    static String url(ServeProcess server, String query) {
        return "http://127.0.0.1:" + server.port() + "/" + query;
    }

    /** Runs headless Chromium on the page until the page is idle (virtual time), and returns its stdout. */
    static String chromium(String... args) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=30000"));
        command.addAll(List.of(args));
        Path out = dir.resolve("chromium-out-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + command);
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    static List<String> all(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Connected regions of the badge colour big enough to be a badge (text anti-aliasing makes small specks). */
    static int badges(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean[] seen = new boolean[w * h];
        int count = 0;
        for (int start = 0; start < w * h; start++) {
            if (seen[start] || !isBadge(image.getRGB(start % w, start / w))) {
                continue;
            }
            int size = 0;
            java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(List.of(start));
            seen[start] = true;
            while (!todo.isEmpty()) {
                int p = todo.pop();
                size++;
                int x = p % w;
                int y = p / w;
                int[][] next = {{x + 1, y}, {x - 1, y}, {x, y + 1}, {x, y - 1}};
                for (int[] n : next) {
                    if (n[0] >= 0 && n[0] < w && n[1] >= 0 && n[1] < h) {
                        int q = n[1] * w + n[0];
                        if (!seen[q] && isBadge(image.getRGB(n[0], n[1]))) {
                            seen[q] = true;
                            todo.push(q);
                        }
                    }
                }
            }
            if (size >= 300) {
                count++;
            }
        }
        return count;
    }

    static boolean isBadge(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return Math.abs(r - 0x1F) <= 3 && Math.abs(g - 0x6F) <= 3 && Math.abs(b - 0xEB) <= 3;
    }
}

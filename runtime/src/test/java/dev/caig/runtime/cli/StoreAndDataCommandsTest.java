package dev.caig.runtime.cli;

import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.LocalArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreAndDataCommandsTest {

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void artifactShowAndLsWorkOnALocalFolder() throws IOException {
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("sub/a.txt"), "a");
        Path artifact = tmp.resolve("artifact");
        try (LocalArtifactStore store = new LocalArtifactStore()) {
            store.publish(src, ArtifactUri.local(artifact), "catalog", "test", Map.of(), Map.of("n", 1));
        }
        CliRun show = run("artifact", "show", artifact.toString());
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("\"kind\" : \"catalog\""), show.out());
        assertTrue(show.out().contains("digest: sha256:"), show.out());

        CliRun files = run("artifact", "ls", "--files", artifact.toString());
        assertEquals(0, files.exit(), files.err());
        long manifestBytes = Files.size(artifact.resolve("manifest.json"));
        assertEquals("manifest.json\t" + manifestBytes + System.lineSeparator() + "sub/a.txt\t1" + System.lineSeparator(),
                files.out());

        // A prefix with two artifacts, one of them with many files, and a stray file: one line per artifact.
        Path pipeline = tmp.resolve("pipeline");
        Path many = tmp.resolve("many");
        for (int i = 0; i < 30; i++) {
            Files.createDirectories(many.resolve("creatives"));
            Files.writeString(many.resolve("creatives/c" + i + ".png"), "x".repeat(100));
        }
        try (LocalArtifactStore store = new LocalArtifactStore()) {
            store.publish(src, ArtifactUri.local(pipeline.resolve("market")), "market", "caig market", Map.of(), Map.of());
            store.publish(many, ArtifactUri.local(pipeline.resolve("reward")), "reward-model", "caig reward", Map.of(), Map.of());
        }
        Files.writeString(pipeline.resolve("notes.txt"), "stray");
        CliRun ls = run("artifact", "ls", pipeline.toString());
        assertEquals(0, ls.exit(), ls.err());
        String[] lines = ls.out().split(System.lineSeparator());
        assertEquals(3, lines.length, ls.out());
        assertTrue(lines[0].matches("market\tmarket\tcaig market\t\\S+\t2 files\t\\d+ B"), lines[0]);
        assertTrue(lines[1].matches("reward\treward-model\tcaig reward\t\\S+\t31 files\t\\d+\\.\\d KiB"), lines[1]);
        assertEquals("(1 files in no artifact, 5 B; --files lists them)", lines[2]);

        CliRun missing = run("artifact", "show", tmp.resolve("nothing").toString());
        assertEquals(CaigCommand.EXIT_USER_ERROR, missing.exit());
        assertTrue(missing.err().startsWith("caig: error: no artifact at " + tmp.resolve("nothing")), missing.err());
    }

    @Test
    void everyNewCommandHasHelp() {
        for (String[] args : new String[][] {{"artifact", "--help"}, {"artifact", "show", "--help"},
                {"artifact", "ls", "--help"}, {"data", "--help"}, {"data", "validate", "--help"}}) {
            CliRun help = run(args);
            assertEquals(0, help.exit(), String.join(" ", args));
            assertTrue(help.out().startsWith("Usage: caig " + args[0]), help.out());
        }
    }

    @Test
    void dataValidateSummarisesGoodDataAndListsAllProblemsOfBadData() throws IOException {
        Path tiny = tinyCatalog();
        CliRun good = run("data", "validate", "--catalog", tiny.toString());
        assertEquals(0, good.exit(), good.out() + good.err());
        assertTrue(good.out().contains("8 products, no problems"), good.out());

        Path bad = Files.writeString(tmp.resolve("bad.json"), """
                [{"id": "1", "image": "nope.png", "new_caption": "x"}, {"id": "1", "image": "nope.png", "new_caption": ""}]
                """);
        CliRun problems = run("data", "validate", "--catalog", bad.toString());
        assertEquals(CaigCommand.EXIT_USER_ERROR, problems.exit());
        assertTrue(problems.out().startsWith(bad + ": 4 problems"), problems.out());
    }

    @Test
    void dataValidateWithAClickLogShowsThePairsAndFailsBelowMinPairs() throws IOException {
        Path tiny = tinyCatalog();
        Path ad = tmp.resolve("ads/a.png");
        Files.createDirectories(ad.getParent());
        Files.copy(tiny.resolveSibling("images/1.png"), ad);
        Path log = Files.writeString(tmp.resolve("clicks.json"), """
                {"1": [{"creative_id": "a", "image": "ads/a.png", "exp_impression_cnt": 5000, "exp_click_cnt": 50},
                       {"creative_id": "b", "image": "ads/a.png", "exp_impression_cnt": 5000, "exp_click_cnt": 55}]}
                """);
        CliRun few = run("data", "validate", "--catalog", tiny.toString(), "--click-log", log.toString(), "--min-pairs", "5");
        assertEquals(CaigCommand.EXIT_USER_ERROR, few.exit());
        assertTrue(few.out().contains(log + ": no problems"), few.out());
        assertTrue(few.out().contains("1 reward pairs (impressions > 1000, CTR ratio 1.05-1.20) from 1 products"), few.out());
        assertTrue(few.out().contains("only 1 reward pairs survive"), few.out());
    }

    private static Path tinyCatalog() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data/caig-tiny/tiny.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("shared/data/caig-tiny/tiny.json not found above " + Path.of("").toAbsolutePath());
    }
}

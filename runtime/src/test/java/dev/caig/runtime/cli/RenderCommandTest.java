package dev.caig.runtime.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderCommandTest {

    static Path tinyCatalog() {
        Path p = Path.of("../../shared/data/caig-tiny/tiny.json").toAbsolutePath().normalize();
        return Files.isRegularFile(p) ? p : Path.of("/work/shared/data/caig-tiny/tiny.json");
    }

    @Test
    void rendersOneAdPerProductAndAContactSheet(@TempDir Path out) throws IOException {
        int code = Main.run("render", "--catalog", tinyCatalog().toString(), "--description",
                "marble surface, bathroom shelf, soft daylight, pastel pink tones, flowers", "--size", "64",
                "--out", out.toString());
        assertEquals(0, code);
        for (int i = 1; i <= 8; i++) {
            assertTrue(Files.isRegularFile(out.resolve(i + ".png")));
        }
        assertTrue(Files.isRegularFile(out.resolve("contact-sheet.png")));
    }

    @Test
    void aCatalogWithMoreFieldsThanIdImageAndTitleIsRendered(@TempDir Path out) throws IOException {
        // caig render used to reject this with Jackson's "Unrecognized field \"brand\""
        dev.caig.runtime.data.TestData.productPng(out.resolve("in/p.png"), 48);
        Path catalog = Files.writeString(out.resolve("in/catalog.json"),
                "[{\"id\": \"p\", \"image\": \"p.png\", \"new_caption\": \"cup\", \"brand\": \"Acme\", \"price\": 9.5}]");
        CliRun run = CliRun.of("render", "--catalog", catalog.toString(), "--description", "beach", "--size", "64",
                "--out", out.resolve("ads").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(Files.isRegularFile(out.resolve("ads/p.png")));
    }

    @Test
    void missingCatalogIsAUserError(@TempDir Path out) {
        // invalid input that no retry fixes: a stage Job's podFailurePolicy fails at once on this exit code
        assertEquals(CaigCommand.EXIT_INVALID_INPUT, Main.run("render", "--catalog", out.resolve("nope.json").toString(),
                "--description", "beach", "--out", out.toString()));
    }

    @Test
    void marketGenerateRejectsBadSizeAsUserError(@TempDir Path out) {
        assertEquals(CaigCommand.EXIT_USER_ERROR, Main.run("market", "generate", "--products", "2", "--seed", "1",
                "--size", "8", "--out", out.resolve("m").toString()));
    }

    @Test
    void everyCommandHasHelp() {
        assertEquals(0, Main.run("render", "--help"));
        assertEquals(0, Main.run("market", "--help"));
        assertEquals(0, Main.run("market", "generate", "--help"));
    }
}

package dev.caig.runtime.market;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.CatalogEntry;
import dev.caig.runtime.data.Creative;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.render.ProceduralBackgroundRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketGeneratorTest {

    @TempDir
    static Path tmp;
    static Path first;
    static Path second;
    static final ObjectMapper JSON = new ObjectMapper();

    static MarketGenerator generator() {
        return new MarketGenerator(new ProceduralBackgroundRenderer(), Progress.Mode.QUIET);
    }

    @BeforeAll
    static void generateTwice() {
        first = generator().generate(new MarketGenerator.Options(12, 5, 3, 64, 42, 1), tmp.resolve("a")).folder();
        second = generator().generate(new MarketGenerator.Options(12, 5, 3, 64, 42, 2), tmp.resolve("b")).folder();
    }

    @Test
    void sameSeedGivesTheSameMarketWhateverTheThreads() throws IOException {
        for (String f : List.of("catalog.json", "clicks.json", "hidden/oracle.json", "hidden/creatives.json",
                "hidden/products.json")) {
            assertArrayEquals(Files.readAllBytes(first.resolve(f)), Files.readAllBytes(second.resolve(f)), f);
        }
        Path img = Path.of("creatives/p00003/p00003-c01.png");
        assertArrayEquals(pixels(first.resolve(img)), pixels(second.resolve(img)));
    }

    @Test
    void differentSeedGivesADifferentMarket(@TempDir Path other) throws IOException {
        Path c = generator().generate(new MarketGenerator.Options(12, 6, 3, 64, 42, 1), other.resolve("c")).folder();
        assertTrue(!Files.readString(c.resolve("catalog.json")).equals(Files.readString(first.resolve("catalog.json"))));
    }

    @Test
    void writesThePapersFormats() throws IOException {
        List<CatalogEntry> catalog = JSON.readValue(first.resolve("catalog.json").toFile(), new TypeReference<>() { });
        Map<String, List<Creative>> clicks = JSON.readValue(first.resolve("clicks.json").toFile(), new TypeReference<>() { });
        assertEquals(12, catalog.size());
        assertEquals(12, clicks.size());
        assertTrue(catalog.stream().map(e -> Category.values()[Integer.parseInt(e.id().substring(1)) % 10]).distinct().count() >= 8);
        for (CatalogEntry e : catalog) {
            BufferedImage photo = ImageIO.read(first.resolve(e.image()).toFile());
            assertTrue(photo.getColorModel().hasAlpha(), "RGBA product picture");
            assertEquals(0, photo.getRGB(0, 0) >>> 24, "transparent background");
            assertTrue(!e.title().isBlank());
            List<Creative> creatives = clicks.get(e.id());
            assertEquals(3, creatives.size());
            for (Creative c : creatives) {
                assertTrue(c.clicks() >= 0 && c.clicks() <= c.impressions(), c.toString());
                assertTrue(Files.isRegularFile(first.resolve(c.image())), c.image());
            }
        }
        assertTrue(Files.isRegularFile(first.resolve("contact-sheet.png")));
        assertTrue(Files.isRegularFile(first.resolve("hidden/oracle.json")));
    }

    @Test
    void theEvaluatorRebuildsTheSameOracleFromTheFolder() throws IOException {
        SimulatedMarket market = SimulatedMarket.load(first);
        Map<String, List<Map<String, Object>>> hidden = JSON.readValue(first.resolve("hidden/creatives.json").toFile(),
                new TypeReference<>() { });
        MarketProduct p = market.product("p00004");
        Map<String, Object> creative = hidden.get("p00004").get(1);
        String description = (String) creative.get("description");
        BufferedImage ad = ImageIO.read(first.resolve("creatives/p00004/p00004-c01.png").toFile());
        assertEquals((Double) creative.get("true_ctr"), market.oracle().trueCtr(p, description, ad), 1e-12);
        assertEquals((Double) creative.get("expected_ctr"), market.oracle().expectedCtr(p, description, ad), 1e-12);
        assertEquals(description, market.creativeDescription("p00004", "p00004-c01"));
    }

    @Test
    void refusesANonEmptyOutputAndLeavesNoTempFolder() throws IOException {
        assertThrows(CaigException.class,
                () -> generator().generate(new MarketGenerator.Options(2, 1, 2, 64, 42, 1), first));
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
        }
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(CaigException.class, () -> new MarketGenerator.Options(0, 1, 2, 64, 42, 1));
        assertThrows(CaigException.class, () -> new MarketGenerator.Options(3, 1, 1, 64, 42, 1));
        assertThrows(CaigException.class, () -> new MarketGenerator.Options(3, 1, 2, 8, 42, 1));
    }

    static int[] pixels(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}

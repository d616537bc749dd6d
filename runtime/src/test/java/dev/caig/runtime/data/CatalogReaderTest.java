package dev.caig.runtime.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogReaderTest {

    @TempDir
    Path tmp;

    @Test
    void caigTinyImportsAsIs() {
        Path tiny = TestData.caigTiny().resolve("tiny.json");
        Catalog catalog = new CatalogReader().read(tiny);
        assertEquals(8, catalog.size());
        Catalog.Item first = catalog.find("1").orElseThrow();
        assertTrue(first.title().startsWith("LOUDAN 88-key"));
        assertEquals(TestData.caigTiny().resolve("images/1.png").toAbsolutePath().normalize(), first.image());
        BufferedImage photo = catalog.loadImage(first);
        assertEquals(800, photo.getWidth());
        assertEquals(0, photo.getRGB(0, 0) >>> 24, "transparent background stays transparent");
        assertEquals(tiny, CatalogReader.locate(TestData.caigTiny()), "a folder stands for its tiny.json");
    }

    @Test
    void everyProblemIsReportedAtOnceWithFileEntryAndReason() throws IOException {
        TestData.productPng(tmp.resolve("img/good.png"), 32);
        TestData.emptyPng(tmp.resolve("img/empty.png"), 32);
        TestData.productPng(tmp.resolve("img/huge.png"), 80);
        Files.writeString(tmp.resolve("img/text.png"), "this is not a picture");
        Files.createDirectories(tmp.resolve("img/folder.png"));
        Path file = tmp.resolve("catalog.json");
        Files.writeString(file, """
                [
                  {"id": "ok", "image": "img/good.png", "new_caption": "A good product"},
                  {"id": "missing", "image": "img/nope.png", "new_caption": "Missing photo"},
                  {"id": "text", "image": "img/text.png", "new_caption": "Not an image"},
                  {"id": "empty", "image": "img/empty.png", "new_caption": "No product pixels"},
                  {"id": "huge", "image": "img/huge.png", "new_caption": "Too big"},
                  {"id": "folder", "image": "img/folder.png", "new_caption": "Unreadable"},
                  {"id": "ok", "image": "img/good.png", "new_caption": "Same id again"},
                  {"id": "untitled", "image": "img/good.png", "new_caption": "  "},
                  {"image": "img/good.png", "new_caption": "No id"},
                  {"id": "noimage", "new_caption": "No image"},
                  42
                ]
                """);

        Validated<Catalog> result = new CatalogReader(new ProductImageLoader(64)).validate(file);

        ValidationReport report = result.report();
        List<String> lines = report.problems().stream().map(Object::toString).toList();
        String f = file.toString();
        assertEquals(List.of(
                f + ": entry [1] id \"missing\": image \"img/nope.png\": image file not found",
                f + ": entry [2] id \"text\": image \"img/text.png\": not an image (expected PNG or JPEG)",
                f + ": entry [3] id \"empty\": image \"img/empty.png\": no product pixels (the image is fully transparent or pure white)",
                f + ": entry [4] id \"huge\": image \"img/huge.png\": image is 80x80 pixels, over the limit of 64 per side",
                f + ": entry [5] id \"folder\": image \"img/folder.png\": not a file (a folder or device where an image was expected)",
                f + ": entry [6] id \"ok\": duplicate id (also entry [0])",
                f + ": entry [7] id \"untitled\": empty \"new_caption\" (the product title)",
                f + ": entry [8]: missing \"id\"",
                f + ": entry [9] id \"noimage\": missing \"image\"",
                f + ": entry [10]: expected an object {\"id\", \"image\", \"new_caption\"}, found number"), lines);
        assertEquals(f + ": 10 problems", report.summaryLine());
        assertTrue(report.render().startsWith(f + ": 10 problems" + System.lineSeparator() + "  " + lines.get(0)));
        assertEquals(java.util.Set.of("missing", "text", "empty", "huge", "folder", "ok", "untitled", "noimage"),
                report.productIds(), "problems name their product, so callers can skip just those");
        assertEquals(List.of("ok"), result.value().items().stream().map(Catalog.Item::id).toList(),
                "the valid entries stay usable for lenient callers");

        ValidationException e = assertThrows(ValidationException.class, () -> new CatalogReader(new ProductImageLoader(64)).read(file));
        assertTrue(e.getMessage().startsWith(f + ": 10 problems"), e.getMessage());
    }

    @Test
    void notJsonAndNotAListAreNamed() throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.json"), "[{\"id\": ");
        ValidationReport r1 = new CatalogReader().validate(broken).report();
        assertEquals(1, r1.problems().size());
        assertTrue(r1.problems().get(0).toString().startsWith(broken + ": not valid JSON at line 1"), r1.toString());

        Path object = Files.writeString(tmp.resolve("object.json"), "{\"id\": \"1\"}");
        assertTrue(new CatalogReader().validate(object).report().render().contains("expected a JSON list"));

        Path absent = tmp.resolve("absent.json");
        assertEquals(absent + ": file not found", new CatalogReader().validate(absent).report().problems().get(0).toString());
    }

    @Test
    void rgbPhotosOnPureWhiteGetTheWhiteMaskedOut() throws IOException {
        TestData.productOnWhite(tmp.resolve("img/jpeg.jpg"), 64, "jpg");
        TestData.productOnWhite(tmp.resolve("img/rgb.png"), 64, "png");
        Path file = Files.writeString(tmp.resolve("catalog.json"), """
                [{"id": 1, "image": "img/jpeg.jpg", "new_caption": "JPEG on white"},
                 {"id": 2, "image": "img/rgb.png", "new_caption": "RGB PNG on white"}]
                """);
        Catalog catalog = new CatalogReader().read(file);
        assertEquals(List.of("1", "2"), List.copyOf(catalog.ids()), "integer ids are read as text");
        for (Catalog.Item item : catalog.items()) {
            BufferedImage img = catalog.loadImage(item);
            assertEquals(0, img.getRGB(2, 2) >>> 24, item.id() + ": white background becomes transparent");
            assertEquals(255, img.getRGB(32, 32) >>> 24, item.id() + ": the product is opaque");
        }
    }

    @Test
    void writerOutputReadsBackTheSame() throws IOException {
        TestData.productPng(tmp.resolve("out/images/a.png"), 16);
        List<CatalogEntry> entries = List.of(new CatalogEntry("a", "images/a.png", "Product A"));
        Path file = tmp.resolve("out/catalog.json");
        new CatalogWriter().write(file, entries);
        Catalog back = new CatalogReader().read(file);
        assertEquals(entries, back.toEntries(file));
        assertTrue(Files.readString(file).contains("\"new_caption\" : \"Product A\""));
        try (var files = Files.list(tmp.resolve("out"))) {
            assertEquals(2, files.count(), "no temporary file left beside the catalog");
        }
    }
}

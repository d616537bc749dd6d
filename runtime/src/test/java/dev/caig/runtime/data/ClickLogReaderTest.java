package dev.caig.runtime.data;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClickLogReaderTest {

    @TempDir
    Path tmp;

    Catalog catalog;

    @BeforeEach
    void catalog() throws IOException {
        TestData.productPng(tmp.resolve("products/p1.png"), 16);
        TestData.productPng(tmp.resolve("products/p2.png"), 16);
        Path file = Files.writeString(tmp.resolve("catalog.json"), """
                [{"id": "p1", "image": "products/p1.png", "new_caption": "One"},
                 {"id": "p2", "image": "products/p2.png", "new_caption": "Two"}]
                """);
        catalog = new CatalogReader().read(file);
        for (String name : List.of("a", "b", "c")) {
            TestData.productPng(tmp.resolve("ads/" + name + ".png"), 8);
        }
    }

    @Test
    void aValidLogReadsWithItsTotals() throws IOException {
        Path file = Files.writeString(tmp.resolve("clicks.json"), """
                {"p1": [{"creative_id": "a", "image": "ads/a.png", "exp_impression_cnt": 2000, "exp_click_cnt": 40},
                        {"creative_id": "b", "image": "ads/b.png", "exp_impression_cnt": 1500.0, "exp_click_cnt": 33}],
                 "p2": [{"creative_id": 7, "image": "ads/c.png", "exp_impression_cnt": 10, "exp_click_cnt": 0}]}
                """);
        ClickLog log = new ClickLogReader().read(file, catalog);
        assertEquals(2, log.productCount());
        assertEquals(3, log.creativeCount());
        assertEquals(3510, log.totalImpressions());
        assertEquals(new Creative("7", "ads/c.png", 10, 0), log.creatives("p2").get(0));
        assertEquals(tmp.resolve("ads/a.png").toAbsolutePath(), log.imagePath(log.creatives("p1").get(0)));
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        Path file = Files.writeString(tmp.resolve("clicks.json"), """
                {"p1": [{"creative_id": "a", "image": "ads/a.png", "exp_impression_cnt": -5, "exp_click_cnt": 0},
                        {"creative_id": "b", "image": "ads/b.png", "exp_impression_cnt": 100, "exp_click_cnt": 101},
                        {"creative_id": "a", "image": "ads/c.png", "exp_impression_cnt": 100, "exp_click_cnt": 1},
                        {"creative_id": "d", "image": "ads/missing.png", "exp_impression_cnt": 100, "exp_click_cnt": 1},
                        {"creative_id": "e", "image": "ads/c.png", "exp_impression_cnt": 12.5},
                        {"creative_id": "f", "image": "ads/c.png", "exp_impression_cnt": 100, "exp_click_cnt": 2}],
                 "nobody": [],
                 "p2": {"creative_id": "x"}}
                """);
        Validated<ClickLog> result = new ClickLogReader().validate(file, catalog);
        String f = file.toString();
        assertEquals(List.of(
                f + ": product \"p1\" creative [0] id \"a\": \"exp_impression_cnt\" is negative (-5)",
                f + ": product \"p1\" creative [1] id \"b\": exp_click_cnt 101 is greater than exp_impression_cnt 100",
                f + ": product \"p1\" creative [2] id \"a\": duplicate creative_id (also product \"p1\" creative [0])",
                f + ": product \"p1\" creative [3] id \"d\": image \"ads/missing.png\": file not found",
                f + ": product \"p1\" creative [4] id \"e\": \"exp_impression_cnt\" must be a whole number, not 12.5",
                f + ": product \"p1\" creative [4] id \"e\": missing \"exp_click_cnt\"",
                f + ": product \"nobody\": unknown product id (not in the catalog " + catalog.file() + ")",
                f + ": product \"p2\": expected a list of creatives, found object"),
                result.report().problems().stream().map(Object::toString).toList());
        assertEquals(f + ": 8 problems", result.report().summaryLine());
        assertEquals(List.of("f"), result.value().creatives("p1").stream().map(Creative::creativeId).toList());
        assertThrows(ValidationException.class, () -> new ClickLogReader().read(file, catalog));
    }

    @Test
    void writerOutputReadsBackTheSame() {
        Map<String, List<Creative>> log = new LinkedHashMap<>();
        log.put("p1", List.of(new Creative("a", "../ads/a.png", 5000, 60), new Creative("b", "../ads/b.png", 4000, 50)));
        log.put("p2", List.of(new Creative("c", "../ads/c.png", 100, 0)));
        Path file = tmp.resolve("logs/clicks.json");
        new ClickLogWriter().write(file, log);
        assertEquals(log, new ClickLogReader().read(file, catalog).byProduct());
    }
}

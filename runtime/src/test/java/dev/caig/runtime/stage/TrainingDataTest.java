package dev.caig.runtime.stage;

import dev.caig.runtime.data.TestData;
import dev.caig.runtime.data.ValidationException;
import dev.caig.runtime.data.ValidationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Training data is checked as a whole: every problem of the catalog and the click log in one report. */
class TrainingDataTest {

    @TempDir
    Path tmp;
    Path clickLog;

    @BeforeEach
    void aClickLog() throws IOException {
        TestData.productPng(tmp.resolve("p1.png"), 16);
        TestData.productPng(tmp.resolve("ads/a.png"), 8);
        clickLog = Files.writeString(tmp.resolve("clicks.json"), """
                {"1": [{"creative_id": "a", "image": "ads/a.png", "exp_impression_cnt": 100, "exp_click_cnt": 101}],
                 "2": [{"creative_id": "b", "image": "ads/a.png", "exp_impression_cnt": 100, "exp_click_cnt": 1}],
                 "9": [{"creative_id": "c", "image": "ads/a.png", "exp_impression_cnt": 100, "exp_click_cnt": 1}]}
                """);
    }

    @Test
    void problemsOfBothFilesAreReportedTogether() throws IOException {
        Path catalog = Files.writeString(tmp.resolve("catalog.json"), """
                [{"id": "1", "image": "p1.png", "new_caption": "cup"}, {"id": "2", "image": "p1.png", "new_caption": ""}]
                """);
        ValidationException e = assertThrows(ValidationException.class, () -> TrainingData.load(catalog, clickLog));
        assertEquals(List.of("entry [1] id \"2\": empty \"new_caption\" (the product title)"), problems(e.reports().get(0)));
        assertEquals(List.of("product \"1\" creative [0] id \"a\": exp_click_cnt 101 is greater than exp_impression_cnt 100",
                        "product \"9\": unknown product id (not in the catalog " + catalog + ")"),
                problems(e.reports().get(1)), "product 2 is in the catalog, if with a problem: not 'unknown'");
    }

    @Test
    void aMissingCatalogDoesNotMakeEveryLoggedProductUnknown() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> TrainingData.load(tmp.resolve("nope.json"), clickLog));
        assertEquals(List.of("file not found"), problems(e.reports().get(0)));
        assertEquals(List.of("product \"1\" creative [0] id \"a\": exp_click_cnt 101 is greater than exp_impression_cnt 100"),
                problems(e.reports().get(1)));
    }

    private static List<String> problems(ValidationReport report) {
        return report.problems().stream()
                .map(p -> p.where().isEmpty() ? p.what() : p.where() + ": " + p.what()).toList();
    }
}

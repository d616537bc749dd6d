package dev.caig.runtime.generate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.caig.runtime.data.ValidationReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalog entry the batch left out, and why.
 *
 * @param id      the product id, or null when the entry has none
 * @param entry   where it is in the catalog ({@code entry [3] id "7"})
 * @param reasons every problem found with it
 */
@JsonPropertyOrder({"id", "entry", "reasons"})
public record SkippedProduct(@JsonProperty("id") String id, @JsonProperty("entry") String entry,
                             @JsonProperty("reasons") List<String> reasons) {

    /** The entries with problems in a catalog's report, one per entry, in file order. */
    static List<SkippedProduct> of(ValidationReport report) {
        Map<String, SkippedProduct> byEntry = new LinkedHashMap<>();
        for (ValidationReport.Problem p : report.problems()) {
            byEntry.computeIfAbsent(p.where(), where -> new SkippedProduct(p.productId(), where, new ArrayList<>()))
                    .reasons().add(p.what());
        }
        return byEntry.values().stream().map(s -> new SkippedProduct(s.id(), s.entry(), List.copyOf(s.reasons()))).toList();
    }

    /** One line for people: {@code entry [3] id "7": image "7.png": image file not found}. */
    String describe() {
        return entry + ": " + String.join("; ", reasons);
    }
}

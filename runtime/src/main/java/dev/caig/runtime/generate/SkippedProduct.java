package dev.caig.runtime.generate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.caig.runtime.data.CheckedEntry;

import java.util.List;

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

    /** A catalog entry that failed its checks. */
    static SkippedProduct of(CheckedEntry entry) {
        return new SkippedProduct(entry.id(), entry.where(), entry.problems());
    }

    /** One line for people: {@code entry [3] id "7": image "7.png": image file not found}. */
    String describe() {
        return entry + ": " + String.join("; ", reasons);
    }
}

package dev.caig.runtime.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.CaigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What became of one catalog entry, written as {@code rows/<index>.json} once its ads are written: the record a cut-off
 * shard resumes from and the merge reads. Exactly one of {@code product} and {@code skipped} is set.
 *
 * @param index the entry's position in the catalog, from 0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"index", "product", "skipped"})
public record BatchRow(@JsonProperty("index") int index,
                       @JsonProperty("product") GenerationManifest.Product product,
                       @JsonProperty("skipped") SkippedProduct skipped) {

    static final String FOLDER = "rows";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the row of entry {@code index} is kept. */
    static String file(int index) {
        return FOLDER + "/" + index + ".json";
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new CaigException("cannot encode the row of entry [" + index + "]: " + e.getMessage(), e);
        }
    }

    static BatchRow parse(byte[] json, String where) {
        try {
            return JSON.readValue(new String(json, StandardCharsets.UTF_8), BatchRow.class);
        } catch (IOException e) {
            throw new CaigException(where + ": not a batch row: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}

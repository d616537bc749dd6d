package dev.caig.runtime.generate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caig.runtime.serve.ModelInfo;

import java.util.Iterator;
import java.util.Optional;

/**
 * What a shard's output was made from, written first as {@code batch.json}: a re-run with the same settings resumes
 * the output; one with other settings (another model, seed or catalog content) is refused rather than mixed in.
 *
 * @param catalog        what the user named the catalog
 * @param catalogSha256  the catalog file's content
 * @param catalogEntries entries in the catalog, bad ones included (what shards are dealt from)
 */
@JsonPropertyOrder({"catalog", "catalogSha256", "catalogEntries", "model", "seed", "candidates", "renderSize", "shard"})
public record BatchSettings(@JsonProperty("catalog") String catalog,
                            @JsonProperty("catalogSha256") String catalogSha256,
                            @JsonProperty("catalogEntries") int catalogEntries,
                            @JsonProperty("model") ModelInfo model,
                            @JsonProperty("seed") long seed,
                            @JsonProperty("candidates") int candidates,
                            @JsonProperty("renderSize") int renderSize,
                            @JsonProperty("shard") String shard) {

    public static final String FILE = "batch.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    String toJson() {
        return JSON.valueToTree(this).toPrettyString() + "\n";
    }

    /** The first setting that differs from the earlier run's {@code batch.json} (where the catalog is not one), if any. */
    Optional<String> differenceFrom(String earlierJson) {
        JsonNode earlier;
        JsonNode now;
        try {
            earlier = JSON.readTree(earlierJson);
            now = JSON.readTree(toJson()); // both parsed from text, so numbers compare alike
        } catch (java.io.IOException e) {
            return Optional.of("its " + FILE + " is not readable");
        }
        for (Iterator<String> names = now.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("catalog") && !now.get(name).equals(earlier.get(name))) {
                return Optional.of(name.equals("model")
                        ? "the model differs: policy or reward artifact, renderer or sampling settings"
                        : name + " was " + earlier.get(name) + ", now " + now.get(name));
            }
        }
        return Optional.empty();
    }

    /** Entries this shard owns: every count-th from its index. */
    static int ownedBy(Shard shard, int entries) {
        return entries <= shard.index() ? 0 : (entries - shard.index() + shard.count() - 1) / shard.count();
    }
}

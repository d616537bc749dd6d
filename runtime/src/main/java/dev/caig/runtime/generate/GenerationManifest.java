package dev.caig.runtime.generate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caig.runtime.serve.ModelInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a batch generation wrote: the models, the settings, every product's ranked candidates and the products it
 * skipped. Written as {@code manifest.json} and, one row per candidate, {@code manifest.csv}. Nothing in it depends
 * on the clock, so a run with the same seed writes the same bytes.
 */
@JsonPropertyOrder({"catalog", "model", "seed", "candidatesPerProduct", "generated", "skipped", "products", "skippedProducts"})
public record GenerationManifest(@JsonProperty("catalog") String catalog,
                                 @JsonProperty("model") ModelInfo model,
                                 @JsonProperty("seed") long seed,
                                 @JsonProperty("candidatesPerProduct") int candidatesPerProduct,
                                 @JsonProperty("products") List<Product> products,
                                 @JsonProperty("skippedProducts") List<SkippedProduct> skippedProducts) {

    public static final String JSON_FILE = "manifest.json";
    public static final String CSV_FILE = "manifest.csv";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A generated product with its candidates, best first. */
    @JsonPropertyOrder({"id", "title", "candidates"})
    public record Product(@JsonProperty("id") String id, @JsonProperty("title") String title,
                          @JsonProperty("candidates") List<Candidate> candidates) {
    }

    /** One ranked ad; {@code image} is relative to the output folder. */
    @JsonPropertyOrder({"rank", "score", "description", "image"})
    public record Candidate(@JsonProperty("rank") int rank, @JsonProperty("score") float score,
                            @JsonProperty("description") String description, @JsonProperty("image") String image) {
    }

    @JsonProperty("generated")
    public int generated() {
        return products.size();
    }

    @JsonProperty("skipped")
    public int skipped() {
        return skippedProducts.size();
    }

    void write(Path folder) throws IOException {
        StringBuilder csv = new StringBuilder("product_id,rank,score,description,image\n");
        for (Product p : products) {
            for (Candidate c : p.candidates()) {
                csv.append(csvField(p.id())).append(',').append(c.rank()).append(',').append(c.score()).append(',')
                        .append(csvField(c.description())).append(',').append(csvField(c.image())).append('\n');
            }
        }
        Files.writeString(folder.resolve(CSV_FILE), csv, StandardCharsets.UTF_8);
        JSON.writeValue(folder.resolve(JSON_FILE).toFile(), this);
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
    static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}

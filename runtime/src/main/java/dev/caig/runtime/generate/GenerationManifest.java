package dev.caig.runtime.generate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.serve.ModelInfo;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What a batch generation wrote: the models, the settings, every product's ranked candidates and the products it
 * skipped. Written as {@code manifest.json} and, one row per candidate, {@code manifest.csv}, streamed from the
 * batch's rows so that a catalog of any size is written in bounded memory. Nothing in it depends on the clock, so a
 * run with the same seed writes the same bytes.
 */
public final class GenerationManifest {

    public static final String JSON_FILE = "manifest.json";
    public static final String CSV_FILE = "manifest.csv";
    static final String CSV_HEADER = "product_id,rank,score,description,image\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GenerationManifest() {
    }

    /** A generated product with its candidates, best first. */
    @JsonPropertyOrder({"id", "title", "candidates"})
    public record Product(@JsonProperty("id") String id, @JsonProperty("title") String title,
                          @JsonProperty("candidates") java.util.List<Candidate> candidates) {
    }

    /** One ranked ad; {@code image} is relative to the output folder (or a URI when it lies elsewhere). */
    @JsonPropertyOrder({"rank", "score", "description", "image"})
    public record Candidate(@JsonProperty("rank") int rank, @JsonProperty("score") float score,
                            @JsonProperty("description") String description, @JsonProperty("image") String image) {
    }

    /** The settings every row was made with; {@code shards} is 1 for an unsharded run. */
    public record Header(String catalog, ModelInfo model, long seed, int candidatesPerProduct, int shards) {
    }

    /** Products generated and skipped. */
    public record Totals(int generated, int skipped) {
    }

    /** The rows in catalog order; called more than once. */
    @FunctionalInterface
    public interface RowSource {
        void forEach(Consumer<BatchRow> each);
    }

    /** Writes manifest.json and manifest.csv to {@code out} (JSON last) and returns the totals. */
    static Totals write(BatchOutput out, Header header, RowSource rows) {
        int[] counts = new int[2];
        rows.forEach(r -> counts[r.product() != null ? 0 : 1]++);
        Path json = null;
        Path csv = null;
        try {
            json = Files.createTempFile("caig-manifest-", ".json");
            csv = Files.createTempFile("caig-manifest-", ".csv");
            try (JsonGenerator gen = JSON.getFactory().createGenerator(json.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8);
                 Writer csvOut = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                gen.setCodec(JSON);
                gen.useDefaultPrettyPrinter();
                gen.writeStartObject();
                gen.writeStringField("catalog", header.catalog());
                gen.writeObjectField("model", header.model());
                gen.writeNumberField("seed", header.seed());
                gen.writeNumberField("candidatesPerProduct", header.candidatesPerProduct());
                gen.writeNumberField("shards", header.shards());
                gen.writeNumberField("generated", counts[0]);
                gen.writeNumberField("skipped", counts[1]);
                gen.writeArrayFieldStart("products");
                csvOut.write(CSV_HEADER);
                rows.forEach(r -> {
                    if (r.product() != null) {
                        writeProduct(gen, csvOut, r.product());
                    }
                });
                gen.writeEndArray();
                gen.writeArrayFieldStart("skippedProducts");
                rows.forEach(r -> {
                    if (r.skipped() != null) {
                        writeValue(gen, r.skipped());
                    }
                });
                gen.writeEndArray();
                gen.writeEndObject();
                gen.writeRaw('\n');
            }
            out.put(CSV_FILE, csv);
            out.put(JSON_FILE, json); // last: an output with a manifest is a finished batch
        } catch (IOException e) {
            throw new CaigException(out.location() + ": cannot write the manifest: " + e.getMessage(), e);
        } finally {
            deleteQuietly(json);
            deleteQuietly(csv);
        }
        return new Totals(counts[0], counts[1]);
    }

    private static void writeProduct(JsonGenerator gen, Writer csv, Product p) {
        writeValue(gen, p);
        try {
            for (Candidate c : p.candidates()) {
                csv.append(csvField(p.id())).append(',').append(String.valueOf(c.rank())).append(',')
                        .append(String.valueOf(c.score())).append(',').append(csvField(c.description())).append(',')
                        .append(csvField(c.image())).append('\n');
            }
        } catch (IOException e) {
            throw new CaigException("cannot write manifest.csv: " + e.getMessage(), e);
        }
    }

    private static void writeValue(JsonGenerator gen, Object value) {
        try {
            gen.writeObject(value);
        } catch (IOException e) {
            throw new CaigException("cannot write manifest.json: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a leftover temporary file is not worth failing a finished batch for
        }
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
    static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}

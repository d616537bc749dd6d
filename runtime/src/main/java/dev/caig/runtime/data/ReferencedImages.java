package dev.caig.runtime.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The image paths a catalog or click log names, as written in the file: what has to travel with the file when it is
 * copied to or from a store. Read leniently: whatever is malformed is left for the validating readers to report.
 */
public final class ReferencedImages {

    private ReferencedImages() {
    }

    /** The {@code image} of every catalog entry that is a relative path (absolute paths and URIs are left out). */
    public static Set<String> ofCatalog(byte[] json) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode root = parse(json);
        if (root != null && root.isArray()) {
            root.forEach(entry -> addImage(entry, out));
        }
        return out;
    }

    /** The {@code image} of every creative of every product that is a relative path. */
    public static Set<String> ofClickLog(byte[] json) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode root = parse(json);
        if (root != null && root.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                JsonNode creatives = it.next().getValue();
                if (creatives.isArray()) {
                    creatives.forEach(c -> addImage(c, out));
                }
            }
        }
        return out;
    }

    public static Set<String> ofCatalog(Path file) throws IOException {
        return ofCatalog(file, index -> true);
    }

    /**
     * The relative {@code image} of the catalog entries {@code selected} by index (a shard's), read one entry at a time
     * so that a catalog of millions is not held in memory; empty when the file is not a JSON list.
     */
    public static Set<String> ofCatalog(Path file, java.util.function.IntPredicate selected) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        try (com.fasterxml.jackson.core.JsonParser parser = JsonInputs.JSON.createParser(file.toFile())) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                return out;
            }
            for (int i = 0; parser.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY; i++) {
                if (selected.test(i)) {
                    addImage(parser.readValueAsTree(), out);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return out; // malformed: left for the validating reader to report
        }
        return out;
    }

    public static Set<String> ofClickLog(Path file) throws IOException {
        return ofClickLog(Files.readAllBytes(file));
    }

    private static void addImage(JsonNode node, Set<String> out) {
        if (node != null && node.isObject()) {
            String image = JsonInputs.text(node, "image", false);
            if (image != null && isRelative(image)) {
                out.add(image);
            }
        }
    }

    /** A relative path: no URI scheme, no leading slash or backslash, no drive letter. */
    public static boolean isRelative(String path) {
        return !path.contains("://") && !path.startsWith("/") && !path.startsWith("\\") && !path.matches("^[a-zA-Z]:.*");
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JsonInputs.JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}

package dev.caig.runtime.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a generate body into its fields: a JSON body parsed here, a {@code multipart/form-data} body as the parts the
 * HTTP layer decoded. Both formats have the same four fields; anything else (an unknown field, a wrong JSON type, a repeated field) is a 400, so a
 * typo such as {@code "seeed"} is reported rather than silently ignored.
 */
public final class GenerateRequestParser {
    static final Set<String> FIELDS = Set.of("image", "title", "candidates", "seed");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        // The image string is the only big value; the body size limit already bounds it.
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE / 2).maxNestingDepth(32).maxNumberLength(100).build());
    }

    public static GenerateRequest parseJson(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed("the body is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed("the body must be a JSON object with fields image, title, candidates, seed");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            checkKnown(it.next());
        }
        byte[] image = null;
        JsonNode imageNode = root.get("image");
        if (imageNode != null && !imageNode.isNull()) {
            if (!imageNode.isTextual()) {
                throw field("image", "must be a base64 string of a PNG or JPEG file");
            }
            image = base64(imageNode.textValue());
        }
        return new GenerateRequest(image, text(root, "title"), integer(root, "candidates"), integer(root, "seed"));
    }

    /** One field of a multipart form: its name and content (a text field's content is UTF-8). */
    public record FormPart(String name, byte[] content) {
        String text() {
            return new String(content, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The fields of a decoded multipart form, checked as the JSON fields are: known names, each at most once. */
    public static GenerateRequest fromFormParts(List<FormPart> parts) {
        Map<String, FormPart> byName = new java.util.HashMap<>();
        for (FormPart part : parts) {
            if (part.name() == null || part.name().isEmpty()) {
                throw malformed("a multipart part has no name (Content-Disposition: form-data; name=\"...\")");
            }
            checkKnown(part.name());
            if (byName.put(part.name(), part) != null) {
                throw field(part.name(), "is given more than once");
            }
        }
        FormPart image = byName.get("image");
        return new GenerateRequest(image == null ? null : image.content(), textPart(byName.get("title")),
                textPart(byName.get("candidates")), textPart(byName.get("seed")));
    }

    private static String textPart(FormPart part) {
        return part == null ? null : part.text();
    }

    private static String text(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw field(name, "must be a string");
        }
        return node.textValue();
    }

    /** An integer field as its decimal text, checked for range by the validator. */
    private static String integer(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw field(name, "must be an integer");
        }
        return node.bigIntegerValue().toString();
    }

    /** Standard base64, optionally as a data URL ({@code data:image/png;base64,...}) as browsers produce. */
    static byte[] base64(String value) {
        String v = value;
        if (v.startsWith("data:")) {
            int comma = v.indexOf(',');
            if (comma < 0 || !v.substring(0, comma).endsWith(";base64")) {
                throw field("image", "a data URL must be base64-encoded (data:image/png;base64,...)");
            }
            v = v.substring(comma + 1);
        }
        try {
            return Base64.getDecoder().decode(v.strip());
        } catch (IllegalArgumentException e) {
            throw field("image", "is not valid base64 (" + e.getMessage() + ")");
        }
    }

    private static void checkKnown(String name) {
        if (!FIELDS.contains(name)) {
            throw field(clip(name), "is not a field of this endpoint; expected image, title, candidates, seed");
        }
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    public static ProblemException field(String name, String problem) {
        return ProblemException.badRequest("invalid-field", "Invalid field", "'" + name + "' " + problem);
    }

    private static ProblemException malformed(String detail) {
        return ProblemException.badRequest("malformed-body", "Malformed body", detail);
    }
}

package dev.caig.runtime.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Shared helpers of the format readers: read a JSON file into a tree, read typed fields, resolve image paths. */
final class JsonInputs {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonInputs() {
    }

    /** The JSON tree of {@code file}, or empty after adding the reason to {@code report}. */
    static Optional<JsonNode> readTree(Path file, ValidationReport report) {
        if (!Files.exists(file)) {
            report.addFileProblem("file not found");
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            if (node == null || node.isMissingNode()) {
                report.addFileProblem("empty file (expected JSON)");
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (IOException e) {
            reportReadFailure(e, report);
        }
        return Optional.empty();
    }

    /** Adds why a JSON file could not be read (invalid JSON with its position, missing, unreadable) to {@code report}. */
    static void reportReadFailure(IOException e, ValidationReport report) {
        if (e instanceof JsonProcessingException json) {
            String where = json.getLocation() == null ? ""
                    : " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr();
            report.addFileProblem("not valid JSON" + where + " (" + json.getOriginalMessage() + ")");
        } else if (e instanceof NoSuchFileException) {
            report.addFileProblem("file not found");
        } else {
            report.addFileProblem("cannot read file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** A non-blank string field, or an integral number as text (ids are sometimes numbers); null when absent or wrong. */
    static String text(JsonNode object, String field, boolean allowNumber) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText().isBlank() ? null : value.asText();
        }
        if (allowNumber && value.isIntegralNumber()) {
            return value.asText();
        }
        return null;
    }

    /** Why {@link #text} returned null: missing, empty, or of the wrong type. */
    static String whyNotText(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return "missing \"" + field + "\"";
        }
        if (value.isTextual()) {
            return "empty \"" + field + "\"";
        }
        return "\"" + field + "\" must be a string, not " + value.getNodeType().toString().toLowerCase();
    }

    /** A path as written in a file, resolved against the folder of that file unless absolute. */
    static Path resolve(Path file, String relative) {
        Path p = Path.of(relative);
        return p.isAbsolute() ? p.normalize() : file.toAbsolutePath().getParent().resolve(p).normalize();
    }

    /** Quoted for messages. */
    static String quote(String s) {
        return "\"" + s + "\"";
    }
}

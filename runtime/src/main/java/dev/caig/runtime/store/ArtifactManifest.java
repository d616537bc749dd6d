package dev.caig.runtime.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caig.runtime.CaigException;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code manifest.json} of an artifact: {@code {"kind","producer","created","config","files","metrics"}}, where
 * {@code files} maps each relative path to its sha256 (hex), plus, when known, {@code "configHash"} (the
 * {@code sha256:} hash of the settings and inputs it was made with, see {@code dev.caig.runtime.pipeline.StageFingerprint})
 * and {@code "producerUid"} (the {@code CAIG_PRODUCER_UID} of the process that wrote it: the operator sets its
 * resource's UID there and deletes only artifacts that carry it). The field names are a contract with the Kubernetes
 * operator. The manifest keeps the exact bytes it was read from or written as, so that {@link #digest()} names
 * the artifact version as stored.
 */
public final class ArtifactManifest {

    public static final String FILE_NAME = "manifest.json";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    // Sorted keys: the same content always gives the same bytes and so the same digest.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"kind", "producer", "created", "config", "files", "metrics", "configHash", "inputs",
            "producerUid"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Body(@JsonProperty("kind") String kind,
                @JsonProperty("producer") String producer,
                @JsonProperty("created") String created,
                @JsonProperty("config") Map<String, Object> config,
                @JsonProperty("files") Map<String, String> files,
                @JsonProperty("metrics") Map<String, Number> metrics,
                // absent in manifests written before they existed, and when unknown
                @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("configHash") String configHash,
                @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("inputs") Map<String, String> inputs,
                @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("producerUid") String producerUid) {
    }

    private final Body body;
    private final byte[] bytes;

    private ArtifactManifest(Body body, byte[] bytes) {
        this.body = body;
        this.bytes = bytes;
    }

    /** A new manifest; {@code files} maps relative paths to sha256 hex digests. */
    public static ArtifactManifest create(String kind, String producer, Instant created, Map<String, ?> config,
                                          Map<String, String> files, Map<String, ? extends Number> metrics) {
        return create(kind, producer, created, config, files, metrics, Provenance.NONE, null);
    }

    /**
     * @param provenance  the hash of the settings and inputs the artifact was made with, and the inputs' digests
     * @param producerUid who wrote it (the operator's resource UID); null or blank when not set
     */
    public static ArtifactManifest create(String kind, String producer, Instant created, Map<String, ?> config,
                                          Map<String, String> files, Map<String, ? extends Number> metrics,
                                          Provenance provenance, String producerUid) {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("artifact kind is required");
        }
        Map<String, Object> configCopy = new TreeMap<>();
        if (config != null) {
            configCopy.putAll(config);
        }
        Map<String, Number> metricsCopy = new TreeMap<>();
        if (metrics != null) {
            metrics.forEach((name, value) -> {
                // JSON has no NaN or infinity; writing one would make the manifest unreadable.
                if (value == null || !Double.isFinite(value.doubleValue())) {
                    throw new IllegalArgumentException("metric " + name + " must be a finite number, not " + value);
                }
                metricsCopy.put(name, value);
            });
        }
        Body body = new Body(kind, producer == null ? "" : producer, created.toString(), configCopy,
                new TreeMap<>(files), metricsCopy, provenance.configHash(), new TreeMap<>(provenance.inputs()),
                producerUid == null || producerUid.isBlank() ? null : producerUid);
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            // Re-read so that config holds plain JSON values (maps, lists, numbers), as after a fetch.
            return parse(bytes, "new manifest of kind " + kind);
        } catch (JsonProcessingException e) {
            throw new CaigException("cannot write the manifest of kind " + kind + ": config or metrics are not JSON-serialisable ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    /** Reads and checks a stored manifest; {@code source} (its URI) names it in error messages. */
    public static ArtifactManifest parse(byte[] bytes, String source) {
        Body body;
        try {
            body = JSON.readValue(bytes, Body.class);
        } catch (IOException e) {
            throw new CaigException(source + ": not a valid manifest (" + firstLine(e.getMessage()) + ")", e);
        }
        if (body == null || body.kind() == null || body.kind().isBlank()) {
            throw new CaigException(source + ": not a valid manifest (missing \"kind\")");
        }
        if (body.files() == null) {
            throw new CaigException(source + ": not a valid manifest (missing \"files\")");
        }
        if (body.created() != null) {
            try {
                Instant.parse(body.created());
            } catch (DateTimeParseException e) {
                throw new CaigException(source + ": not a valid manifest (\"created\" is not an ISO-8601 instant: " + body.created() + ")");
            }
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : body.files().entrySet()) {
            // Manifest paths become local file paths on fetch: refuse anything that could escape the folder.
            String rel = ArtifactUri.relativePath(file.getKey(), source);
            if (rel.isEmpty() || file.getValue() == null || !SHA256_HEX.matcher(file.getValue()).matches()) {
                throw new CaigException(source + ": not a valid manifest (file '" + file.getKey()
                        + "' needs a non-empty relative path and a lower-case sha256 hex digest)");
            }
            files.put(rel, file.getValue());
        }
        Body clean = new Body(body.kind(), body.producer() == null ? "" : body.producer(), body.created(),
                body.config() == null ? Map.of() : Collections.unmodifiableMap(body.config()),
                Collections.unmodifiableMap(files),
                body.metrics() == null ? Map.of() : Collections.unmodifiableMap(body.metrics()),
                body.configHash(), body.inputs() == null ? Map.of() : Collections.unmodifiableMap(body.inputs()),
                body.producerUid());
        return new ArtifactManifest(clean, bytes.clone());
    }

    public String kind() {
        return body.kind();
    }

    public String producer() {
        return body.producer();
    }

    /** ISO-8601 instant the artifact was published (as stored). */
    public String created() {
        return body.created();
    }

    public Map<String, Object> config() {
        return body.config();
    }

    /** Relative path to sha256 hex of every file of the artifact. */
    public Map<String, String> files() {
        return body.files();
    }

    public Map<String, Number> metrics() {
        return body.metrics();
    }

    /** The hash of the settings and inputs it was made with; empty for manifests written without one. */
    public java.util.Optional<String> configHash() {
        return java.util.Optional.ofNullable(body.configHash());
    }

    /** What it was made from: its config hash (null when written without one) and its inputs' digests. */
    public Provenance provenance() {
        return new Provenance(body.configHash(), body.inputs());
    }

    /** The {@code CAIG_PRODUCER_UID} of the writer; empty when none was set. */
    public java.util.Optional<String> producerUid() {
        return java.util.Optional.ofNullable(body.producerUid());
    }

    /** The manifest.json bytes exactly as stored. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@code "sha256:" + hex sha256} of the stored manifest.json bytes: one artifact version, one digest. */
    public String digest() {
        return "sha256:" + Sha256.hex(bytes);
    }

    /** The manifest as stored (UTF-8 JSON). */
    public String toJson() {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArtifactManifest other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ArtifactManifest[kind=" + kind() + ", producer=" + producer() + ", created=" + created()
                + ", files=" + files().size() + ", digest=" + digest() + "]";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

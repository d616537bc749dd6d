package dev.caig.operator.store;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.caig.operator.naming.ResourceNames;

/** Reads the runtime's manifest.json and progress.json (the artifact contract) from an artifact folder. */
public class ArtifactReader {
    public static final String MANIFEST = "manifest.json";
    public static final String PROGRESS = "progress.json";

    private final ArtifactStores stores;
    private final ObjectMapper json = new ObjectMapper();

    public ArtifactReader(ArtifactStores stores) {
        this.stores = stores;
    }

    /** The manifest of a complete artifact; empty while the artifact is incomplete (no manifest yet). */
    public Optional<Manifest> manifest(StoreScope scope, String artifactUri) throws StoreException {
        Optional<byte[]> bytes = stores.open(scope).read(S3Uri.parse(artifactUri).child(MANIFEST));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = parse(bytes.get(), artifactUri + MANIFEST);
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonNode m = root.path("metrics");
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNumber()) {
                metrics.put(e.getKey(), e.getValue().asDouble());
            }
        }
        // producerUid: the CAIG_PRODUCER_UID of the pod that wrote it (the resource's UID); absent in older manifests.
        return Optional.of(new Manifest(root.path("kind").asText(null), root.path("producer").asText(null),
                root.path("producerUid").asText(null),
                root.path("created").asText(null), metrics, "sha256:" + ResourceNames.sha256Hex(bytes.get()),
                root.path("config").path("renderer").path("backend").asText(null)));
    }

    /** The last progress.json a running stage wrote, if any. */
    public Optional<StageProgress> progress(StoreScope scope, String artifactUri) throws StoreException {
        Optional<byte[]> bytes = stores.open(scope).read(S3Uri.parse(artifactUri).child(PROGRESS));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = parse(bytes.get(), artifactUri + PROGRESS);
        return Optional.of(new StageProgress(root.path("stage").asText(null), root.path("step").asInt(0),
                root.path("total").asInt(0), root.path("unit").asText(null), root.path("updated").asText(null)));
    }

    /** A batch shard's progress.json ({@code caig generate} writes it beside its output), if any. */
    public Optional<ShardProgress> shardProgress(StoreScope scope, String outputUri) throws StoreException {
        Optional<byte[]> bytes = stores.open(scope).read(S3Uri.parse(outputUri).child(PROGRESS));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = parse(bytes.get(), outputUri + "/" + PROGRESS);
        return Optional.of(new ShardProgress(root.path("step").asLong(0), root.path("total").asLong(0),
                root.path("skipped").asLong(0), root.path("finished").asBoolean(false)));
    }

    private JsonNode parse(byte[] bytes, String where) throws StoreException {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new StoreException("unreadable JSON at " + where + ": " + e.getMessage(), e);
        }
    }
}

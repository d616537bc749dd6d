package dev.caig.operator.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.caig.operator.store.ArtifactStore;
import dev.caig.operator.store.ArtifactStores;
import dev.caig.operator.store.StoreScope;
import dev.caig.operator.store.S3Uri;
import dev.caig.operator.store.StoreException;

/**
 * A fake store for tests: objects in a map, plus helpers that write what the runtime writes. As ArtifactStores it
 * opens itself for every scope (unlike SecretArtifactStores, it checks no credentials) and records the scopes asked.
 */
public class InMemoryArtifactStore implements ArtifactStore, ArtifactStores {
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Set<StoreScope> opened = ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    @Override
    public ArtifactStore open(StoreScope scope) {
        opened.add(scope);
        return this;
    }

    public Set<StoreScope> opened() {
        return opened;
    }

    @Override
    public Optional<byte[]> read(S3Uri object) throws StoreException {
        if (down) {
            throw new StoreException("store unreachable (test)");
        }
        return Optional.ofNullable(objects.get(object.toString()));
    }

    @Override
    public int deletePrefix(S3Uri prefix) throws StoreException {
        if (down) {
            throw new StoreException("store unreachable (test)");
        }
        String p = new S3Uri(prefix.bucket(), prefix.folderKey()).toString();
        var keys = objects.keySet().stream().filter(k -> k.startsWith(p)).collect(Collectors.toList());
        keys.forEach(objects::remove);
        return keys.size();
    }

    public void put(String uri, String content) {
        objects.put(S3Uri.parse(uri).toString(), content.getBytes(StandardCharsets.UTF_8));
    }

    public boolean exists(String uri) {
        return objects.containsKey(S3Uri.parse(uri).toString());
    }

    public long countUnder(String prefixUri) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefixUri)).count();
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    /** What a stage writes last: <artifact>/manifest.json (artifactUri ends with '/'). */
    public String putManifest(String artifactUri, String stage, Map<String, Double> metrics) {
        return putManifest(artifactUri, stage, metrics, null);
    }

    /** As the runtime writes it in a pod with env CAIG_PRODUCER_UID (null: a manifest without a producer UID). */
    public String putManifest(String artifactUri, String stage, Map<String, Double> metrics, String producerUid) {
        String m = metrics.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        String uid = producerUid == null ? "" : ",\"producerUid\":\"" + producerUid + "\"";
        String json = "{\"kind\":\"" + stage + "-artifact\",\"producer\":\"" + stage + "\"" + uid + ",\"created\":\"" + Instant.now()
                + "\",\"config\":{},\"files\":{\"weights.params\":\"00\"},\"metrics\":" + m + "}";
        put(artifactUri + "manifest.json", json);
        put(artifactUri + "weights.params", "weights");
        return json;
    }

    public void putProgress(String artifactUri, String stage, int step, int total, String unit) {
        put(artifactUri + "progress.json", "{\"stage\":\"" + stage + "\",\"step\":" + step + ",\"total\":" + total
                + ",\"unit\":\"" + unit + "\",\"updated\":\"" + Instant.now() + "\"}");
    }
}

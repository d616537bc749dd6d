package dev.caig.operator.store;

import java.util.Map;

/**
 * What the operator reads from an artifact's manifest.json: kind, producer (stage), the UID of the resource whose
 * pod wrote it (null in manifests written outside the operator), metrics and the digest of its bytes.
 */
public record Manifest(String kind, String producer, String producerUid, String created, Map<String, Double> metrics, String digest) {
    public Manifest {
        metrics = Map.copyOf(metrics);
    }
}

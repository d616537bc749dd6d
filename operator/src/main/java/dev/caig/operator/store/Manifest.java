package dev.caig.operator.store;

import java.util.Map;

/**
 * What the operator reads from an artifact's manifest.json: kind, producer (stage), the UID of the resource whose
 * pod wrote it (null in manifests written outside the operator), metrics, the digest of its bytes, and the renderer
 * back end a prompt model was fine-tuned with ({@code config.renderer.backend}; null where none is recorded).
 */
public record Manifest(String kind, String producer, String producerUid, String created, Map<String, Double> metrics, String digest,
                       String rendererBackend) {
    public Manifest {
        metrics = Map.copyOf(metrics);
    }
}

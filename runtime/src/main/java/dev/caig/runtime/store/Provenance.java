package dev.caig.runtime.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an artifact was made from, recorded in its manifest: the hash of the settings and inputs
 * ({@code configHash}, see {@code dev.caig.runtime.stage.StageFingerprint}) and the digest of each input artifact by
 * stage name ({@code inputs}). A rerun compares them to decide whether what exists still fits the config.
 */
public record Provenance(String configHash, Map<String, String> inputs) {
    public static final Provenance NONE = new Provenance(null, Map.of());

    public Provenance {
        inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(inputs));
    }
}

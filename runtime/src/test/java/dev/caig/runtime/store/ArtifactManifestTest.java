package dev.caig.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.CaigException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactManifestTest {

    private static final String SHA = "a".repeat(64);

    @Test
    void jsonHasExactlyTheFieldNamesTheOperatorReads() throws Exception {
        ArtifactManifest m = ArtifactManifest.create("reward-model", "reward", Instant.parse("2026-01-02T03:04:05Z"),
                Map.of("lr", 0.001), Map.of("weights/model.params", SHA), Map.of("accuracy", 0.7, "steps", 10));
        JsonNode json = new ObjectMapper().readTree(m.bytes());
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("kind", "producer", "created", "config", "files", "metrics"), names);
        assertEquals("2026-01-02T03:04:05Z", json.get("created").asText());
        assertEquals(SHA, json.get("files").get("weights/model.params").asText());
        assertEquals(10, json.get("metrics").get("steps").asInt());
    }

    @Test
    void nonFiniteMetricsAreRefusedBeforeTheyMakeAnUnreadableManifest() {
        assertThrows(IllegalArgumentException.class, () -> ArtifactManifest.create("x", "y", Instant.now(), Map.of(),
                Map.of(), Map.of("loss", Double.NaN)));
    }

    @Test
    void digestIsTheSha256OfTheStoredBytes() {
        String stored = "{\"kind\":\"catalog\",\"producer\":\"x\",\"created\":\"2026-01-01T00:00:00Z\",\"files\":{},\"extra\":1}";
        ArtifactManifest m = ArtifactManifest.parse(stored.getBytes(StandardCharsets.UTF_8), "test");
        assertEquals("sha256:" + Sha256.hex(stored.getBytes(StandardCharsets.UTF_8)), m.digest());
        assertEquals(stored, m.toJson(), "kept byte for byte, unknown fields included");
        assertEquals(Map.of(), m.metrics());
    }

    @Test
    void manifestPathsThatCouldEscapeTheFolderAreRefused() {
        for (String path : List.of("../evil", "/etc/passwd", "a/../../b")) {
            String json = "{\"kind\":\"x\",\"files\":{\"" + path + "\":\"" + SHA + "\"}}";
            CaigException e = assertThrows(CaigException.class,
                    () -> ArtifactManifest.parse(json.getBytes(StandardCharsets.UTF_8), "s3://b/a/manifest.json"));
            assertTrue(e.getMessage().startsWith("s3://b/a/manifest.json: "), e.getMessage());
        }
        assertThrows(CaigException.class, () -> ArtifactManifest.parse(
                "{\"kind\":\"x\",\"files\":{\"a\":\"not-a-sha\"}}".getBytes(StandardCharsets.UTF_8), "m"));
        assertThrows(CaigException.class, () -> ArtifactManifest.parse("[]".getBytes(StandardCharsets.UTF_8), "m"));
    }
}

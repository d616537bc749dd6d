package dev.caig.runtime.stage;

import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.Sha256;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageFingerprintTest {

    private static Map<String, Object> config(String yaml) {
        return PipelineConfigLoader.parse("data: {market: {}}\n" + yaml, "test").asMap();
    }

    @Test
    void hashIsTheSha256OfTheDocumentedCanonicalJson() {
        Map<String, Object> config = config("seed: 5\nreward: {epochs: 3}");
        StageFingerprint fingerprint = StageFingerprint.of("reward", config, Map.of("market", "sha256:abc"));
        PipelineConfig.Reward r = PipelineConfigLoader.parse("data: {market: {}}\nreward: {epochs: 3}", "t").reward();
        // Written out by hand from the README's definition: sorted keys, no white space, defaults filled in.
        String canonical = "{\"inputs\":{\"market\":\"sha256:abc\"},\"settings\":{\"data\":{\"heldOutFraction\":0.25},"
                + "\"render\":{\"seed\":42,\"size\":256},\"reward\":{\"batchSize\":" + r.batchSize() + ",\"channels\":" + r.channels() + ",\"epochs\":3,"
                + "\"imageSize\":" + r.imageSize() + ",\"learningRate\":" + r.learningRate() + ",\"maxCtrRatio\":"
                + r.maxCtrRatio() + ",\"members\":" + r.members() + ",\"minCtrRatio\":" + r.minCtrRatio() + ",\"minImpressions\":" + r.minImpressions()
                + ",\"minPairs\":" + r.minPairs() + ",\"pointwiseWeight\":" + r.pointwiseWeight() + ",\"readTitles\":"
                + r.readTitles() + ",\"sceneExamples\":" + r.sceneExamples() + ",\"scenePasses\":" + r.scenePasses() + ",\"trunk\":\"" + r.trunk() + "\",\"validationFraction\":" + r.validationFraction()
                + "},\"seed\":5},\"stage\":\"reward\"}";
        assertEquals("sha256:" + Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8)), fingerprint.hash());
    }

    @Test
    void onlyTheStagesOwnSettingsAndInputsCount() {
        Map<String, String> inputs = Map.of("market", "sha256:1");
        String pretrain = StageFingerprint.of("pretrain", config("pretrain: {epochs: 2}"), inputs).hash();
        assertEquals(pretrain, StageFingerprint.of("pretrain",
                config("pretrain: {epochs: 2}\nevaluate: {impressionsPerArm: 5}\npcpo: {learningRate: 0.1}"), inputs).hash(),
                "settings the stage does not read do not change its hash");
        assertEquals(pretrain, StageFingerprint.of("pretrain", config("pretrain: {epochs: 2, learningRate: 1.0e-3}"), inputs).hash(),
                "the same value written another way (and the default written out) is the same setting");
        assertNotEquals(pretrain, StageFingerprint.of("pretrain", config("pretrain: {epochs: 3}"), inputs).hash());
        assertNotEquals(pretrain, StageFingerprint.of("pretrain", config("pretrain: {epochs: 2}"), Map.of("market", "sha256:2")).hash(),
                "another input artifact is another result");
    }

    @Test
    void differencesNameEachSettingAndInput() {
        ArtifactManifest made = ArtifactManifest.create("prompt-model", "pcpo", Instant.EPOCH,
                config("pcpo: {iterations: 3, learningRate: 0.0005}"), Map.of(), Map.of(),
                StageFingerprint.of("pcpo", config("pcpo: {iterations: 3, learningRate: 0.0005}"),
                        Map.of("pretrain", "sha256:a", "reward", "sha256:b")).provenance(), null);

        StageFingerprint changed = StageFingerprint.of("pcpo", config("pcpo: {iterations: 2, learningRate: 0.005}"),
                Map.of("pretrain", "sha256:a", "reward", "sha256:b"));
        assertEquals(List.of("pcpo.iterations 3 -> 2", "pcpo.learningRate 5.0E-4 -> 0.005"), changed.differencesFrom(made));
        assertTrue(!changed.onlyInputsDifferFrom(made));

        StageFingerprint newInput = StageFingerprint.of("pcpo", config("pcpo: {iterations: 3, learningRate: 0.0005}"),
                Map.of("pretrain", "sha256:NEW", "reward", "sha256:b"));
        assertEquals(List.of("input pretrain is another artifact than it was made from"), newInput.differencesFrom(made));
        assertTrue(newInput.onlyInputsDifferFrom(made));

        ArtifactManifest old = ArtifactManifest.create("prompt-model", "pcpo", Instant.EPOCH, Map.of(), Map.of(), Map.of());
        assertEquals(List.of(), changed.differencesFrom(old), "an artifact made before config hashes is taken as it is");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anArtifactMadeBeforeASettingExistedMatchesItsNeutralValueOnly() {
        Map<String, String> inputs = Map.of("market", "sha256:1");
        // what a build before reward.members wrote: the same settings without the key
        Map<String, Object> before = new java.util.LinkedHashMap<>(config("reward: {epochs: 3}"));
        Map<String, Object> reward = new java.util.LinkedHashMap<>((Map<String, Object>) before.get("reward"));
        reward.remove("members");
        before.put("reward", reward);
        ArtifactManifest made = ArtifactManifest.create("reward-model", "reward", Instant.EPOCH, before, Map.of(), Map.of(),
                StageFingerprint.of("reward", before, inputs).provenance(), null);

        StageFingerprint today = StageFingerprint.of("reward", config("reward: {epochs: 3}"), inputs);
        assertNotEquals(made.provenance().configHash(), today.hash(), "the new key changes the hash");
        assertEquals(List.of(), today.differencesFrom(made), "members: 1 is what the earlier build did");
        assertEquals(List.of("reward.members (unset) -> 3"),
                StageFingerprint.of("reward", config("reward: {epochs: 3, members: 3}"), inputs).differencesFrom(made));
        assertEquals(List.of("reward.epochs 3 -> 4"),
                StageFingerprint.of("reward", config("reward: {epochs: 4}"), inputs).differencesFrom(made),
                "a real change still shows, without the neutral addition beside it");
    }
}

package dev.caig.runtime.stage;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.LocalArtifactStore;
import dev.caig.runtime.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints under a kill at the publish step, broken checkpoints and changed settings. The kill is simulated by a
 * store that writes the new checkpoint's files and a temporary file and then stops before its manifest, which is
 * the state a SIGKILL there leaves (bench/kill-resume.sh kills real runs).
 */
class StoreCheckpointSinkTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final ArtifactStore store = new LocalArtifactStore();

    @Test
    void killWhileWritingACheckpointKeepsThePreviousOne() throws IOException {
        ArtifactUri uri = ArtifactUri.parse(tmp.resolve("store/checkpoints/pretrain").toString());
        StageFingerprint fingerprint = fingerprint("pretrain", "pretrain: {epochs: 5}");
        sink(store, uri, fingerprint).save(checkpoint("one", 1));

        ArtifactStore killed = new KilledBeforeManifest(store);
        assertThrows(IllegalStateException.class, () -> sink(killed, uri, fingerprint).save(checkpoint("two", 2)));
        assertTrue(Files.exists(uri.path().resolve("000002/weights.bin")), "the cut-off checkpoint's files are there");

        StoreCheckpointSink resumed = sink(store, uri, fingerprint);
        Path latest = resumed.latest().orElseThrow();
        assertEquals(1, TrainingState.read(latest).completed(), "the previous checkpoint is still the latest");
        assertTrue(log.toString().contains("caig: resuming pretrain from epoch 1 of 5 (checkpoint " + uri.resolve("000001")),
                log.toString());

        resumed.save(checkpoint("two-again", 2));
        assertEquals(List.of("000002/manifest.json", "000002/training-state.json", "000002/weights.bin"), store.list(uri),
                "a complete new checkpoint replaces the old one and the cut-off one's leftovers");
        try (var files = Files.walk(uri.path())) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".caig-tmp-")), "no temporary file left");
        }
    }

    /** A forced rerun starts every part again: a part left behind would be resumed, finished, by the next run. */
    @Test
    void clearingAStagesCheckpointsClearsEveryPart() throws IOException {
        ArtifactUri root = ArtifactUri.parse(tmp.resolve("store/run").toString());
        StageContext ctx = new StageContext(store, root,
                PipelineConfigLoader.parse("data: {market: {}}\npcpo: {restarts: 3}", "test"), tmp.resolve("work"));
        for (int part = 0; part < 3; part++) {
            ctx.checkpoints("pcpo", part, "iteration", 5).save(checkpoint("part-" + part, 1));
        }
        assertTrue(ctx.checkpoints("pcpo", 2, "iteration", 5).latest().isPresent());
        ctx.clearCheckpoints("pcpo");
        for (int part = 0; part < 3; part++) {
            assertTrue(ctx.checkpoints("pcpo", part, "iteration", 5).latest().isEmpty(), "part " + part + " is gone");
        }
    }

    @Test
    void brokenCheckpointIsDiscardedAndSaysSo() throws IOException {
        ArtifactUri uri = ArtifactUri.parse(tmp.resolve("store/checkpoints/reward").toString());
        StageFingerprint fingerprint = fingerprint("reward", "reward: {epochs: 4}");
        sink(store, uri, fingerprint).save(checkpoint("one", 1));
        Files.write(uri.path().resolve("000001/weights.bin"), new byte[] {9, 9});

        assertTrue(sink(store, uri, fingerprint).latest().isEmpty(), "a corrupt checkpoint is not resumed from");
        assertTrue(log.toString().contains("caig: reward: discarding broken checkpoint " + uri.resolve("000001")
                + " (checksum mismatch for weights.bin"), log.toString());
    }

    @Test
    void checkpointMadeWithOtherSettingsStopsWithTheSettingsThatDiffer() throws IOException {
        ArtifactUri uri = ArtifactUri.parse(tmp.resolve("store/checkpoints/pcpo").toString());
        sink(store, uri, fingerprint("pcpo", "pcpo: {iterations: 3, learningRate: 0.0005}")).save(checkpoint("one", 3));

        StoreCheckpointSink changed = sink(store, uri, fingerprint("pcpo", "pcpo: {iterations: 2, learningRate: 0.0005}"));
        CaigException e = assertThrows(CaigException.class, changed::latest);
        assertEquals("pcpo: its checkpoint " + uri.resolve("000003") + " was made with other settings (pcpo.iterations"
                + " 3 -> 2); rerun with --force-stage pcpo to start the stage again, or restore those settings to resume it",
                e.getMessage());

        StoreCheckpointSink same = sink(store, uri, fingerprint("pcpo", "pcpo: {iterations: 3, learningRate: 0.0005}"));
        assertTrue(same.latest().isPresent(), "the same settings resume");
    }

    @Test
    void checkpointRecordsItsConfigHashAndStageTime() throws IOException {
        ArtifactUri uri = ArtifactUri.parse(tmp.resolve("store/checkpoints/pretrain").toString());
        StageFingerprint fingerprint = fingerprint("pretrain", "pretrain: {epochs: 2}");
        sink(store, uri, fingerprint).save(checkpoint("one", 1));
        ArtifactManifest manifest = store.requireManifest(uri.resolve("000001"));
        assertEquals(fingerprint.hash(), manifest.provenance().configHash());
        assertTrue(manifest.metrics().get(StoreCheckpointSink.STAGE_SECONDS).doubleValue() >= 0);
    }

    private StoreCheckpointSink sink(ArtifactStore on, ArtifactUri uri, StageFingerprint fingerprint) {
        return new StoreCheckpointSink(on, uri, tmp.resolve("work"), fingerprint, config(fingerprint), fingerprintUnit(fingerprint),
                total(fingerprint), new PrintStream(log, true));
    }

    private final java.util.Map<StageFingerprint, Map<String, Object>> configs = new java.util.HashMap<>();

    private StageFingerprint fingerprint(String stage, String yaml) {
        PipelineConfig config = PipelineConfigLoader.parse("data: {market: {}}\n" + yaml, "test");
        StageFingerprint fingerprint = StageFingerprint.of(stage, config.asMap(), Map.of());
        configs.put(fingerprint, config.asMap());
        return fingerprint;
    }

    private Map<String, Object> config(StageFingerprint fingerprint) {
        return configs.get(fingerprint);
    }

    private static String fingerprintUnit(StageFingerprint fingerprint) {
        return fingerprint.stage().equals("pcpo") ? "iteration" : "epoch";
    }

    @SuppressWarnings("unchecked")
    private int total(StageFingerprint fingerprint) {
        Map<String, Object> section = (Map<String, Object>) config(fingerprint).get(fingerprint.stage());
        return ((Number) section.getOrDefault("iterations", section.get("epochs"))).intValue();
    }

    private Path checkpoint(String name, int completed) throws IOException {
        Path dir = tmp.resolve("made/" + name);
        Files.createDirectories(dir);
        Files.write(dir.resolve("weights.bin"), new byte[] {(byte) completed, 2, 3});
        new TrainingState(completed, List.of()).write(dir);
        return dir;
    }

    /** A store whose publish is killed after the files and a temporary file are written, before the manifest. */
    private static final class KilledBeforeManifest extends ForwardingStore {
        KilledBeforeManifest(ArtifactStore delegate) {
            super(delegate);
        }

        @Override
        public ArtifactManifest publish(Path localDir, ArtifactUri uri, String kind, String producer, Map<String, ?> config,
                                        Map<String, ? extends Number> metrics, dev.caig.runtime.store.Provenance provenance) {
            delegate.publish(localDir, uri, kind, producer, config, metrics, provenance);
            try {
                Files.delete(uri.path().resolve(ArtifactManifest.FILE_NAME));
                Files.write(uri.path().resolve(".caig-tmp-123.part"), new byte[] {1});
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("killed before the manifest");
        }
    }
}

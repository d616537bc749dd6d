package dev.caig.runtime.stage;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.train.CheckpointSink;
import dev.caig.runtime.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivergenceGuardTest {
    @TempDir
    Path tmp;

    private final List<Path> saved = new ArrayList<>();
    private final CheckpointSink recording = new CheckpointSink() {
        @Override
        public Optional<Path> latest() {
            return Optional.empty();
        }

        @Override
        public void save(Path dir) {
            saved.add(dir);
        }
    };
    private final DivergenceGuard guard = new DivergenceGuard(recording, "pcpo", 8, 0.005);

    @Test
    void anIterationWithoutUsablePairsStopsBeforeItsCheckpoint() throws IOException {
        Path good = state("good", Map.of("pairs", 12.0, "loss", 0.69));
        guard.save(good);
        Path collapsed = state("collapsed", Map.of("pairs", 12.0, "loss", 0.69), Map.of("pairs", 0.0, "skippedProducts", 24.0));
        CaigException e = assertThrows(CaigException.class, () -> guard.save(collapsed));
        assertTrue(e.getMessage().startsWith("pcpo: iteration 2 of 8 had 0 usable pairs"), e.getMessage());
        assertTrue(e.getMessage().contains("Lower pcpo.learningRate (now 0.005)"), e.getMessage());
        assertTrue(e.getMessage().contains("--force-stage pcpo"), e.getMessage());
        assertEquals(List.of(good), saved, "the collapsed iteration's checkpoint is not saved");
    }

    @Test
    void aNonFiniteLossStopsTheRun() throws IOException {
        Path diverged = state("nan", Map.of("pairs", 20.0, "loss", Double.NaN, "dpoLoss", 0.7));
        CaigException e = assertThrows(CaigException.class, () -> guard.save(diverged));
        assertEquals("pcpo: iteration 1 of 8: the loss is NaN, training diverged. Lower pcpo.learningRate (now 0.005)"
                + " or pcpo.maxGradNorm; its checkpoint was not saved, so after changing the settings rerun with"
                + " --force-stage pcpo", e.getMessage());
        assertTrue(saved.isEmpty());
    }

    @SafeVarargs
    private Path state(String name, Map<String, Double>... iterations) throws IOException {
        TrainingState state = TrainingState.start();
        for (Map<String, Double> metrics : iterations) {
            state = state.next(metrics);
        }
        Path dir = tmp.resolve(name);
        state.write(dir);
        return dir;
    }
}

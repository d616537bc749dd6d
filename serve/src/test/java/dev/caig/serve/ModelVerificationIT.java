package dev.caig.serve;

import dev.caig.runtime.serve.ServeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model that fails verification is never served: the process exits 1 with the file at fault, so the pod restarts. */
class ModelVerificationIT {

    @Test
    @Timeout(120)
    void aTamperedModelFileEndsTheProcessWithExitCode1AndTheReason(@TempDir Path dir) throws Exception {
        ServeFixtures.Artifacts models = ServeFixtures.publishTinyModels(dir.resolve("models"));
        Files.write(Path.of(models.rewardUri()).resolve("reward-model.params"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        ServeProcess server = ServeProcess.start(dir, models);
        assertTrue(server.process().waitFor(90, TimeUnit.SECONDS), "the process ends");
        assertEquals(1, server.process().exitValue(), server.log());
        assertTrue(server.log().lines().anyMatch(l -> l.startsWith("caig serve: error: cannot serve:")
                && l.contains("reward-model.params")), server.log());
    }

    @Test
    @Timeout(30)
    void aBadFlagIsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        ServeFixtures.Artifacts models = new ServeFixtures.Artifacts("/nowhere/policy", "/nowhere/reward", null, null);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ServeProcess.start(dir, models, "--threads", "0"));
        assertTrue(e.getMessage().contains("exited with 2"), e.getMessage());
        assertTrue(e.getMessage().contains("caig serve: error: --threads must be 1..256, got 0"), e.getMessage());
    }
}

package dev.caig.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit codes a stage Job's podFailurePolicy reads: 4 (and picocli's 2) mean "no retry can fix this". */
class ExitCodeTest {
    @TempDir
    Path tmp;

    @Test
    void anInvalidPipelineConfigExitsWithTheInvalidInputCode() throws IOException {
        Path config = Files.writeString(tmp.resolve("pipeline.yaml"), "name: bad\npcpo:\n  iteratons: 3\n");
        CliRun run = CliRun.of("pipeline", "--config", config.toString(), "--out", tmp.resolve("out").toString(),
                "--stage", "market");
        assertEquals(CaigCommand.EXIT_INVALID_INPUT, run.exit(), run.err());
        assertTrue(run.err().contains("unknown field 'iteratons'"), run.err());
    }

    @Test
    void aMissingConfigFileStaysAUserErrorAndBadUsageIsPicocliS2() {
        CliRun missing = CliRun.of("pipeline", "--config", tmp.resolve("none.yaml").toString(), "--out",
                tmp.resolve("out").toString(), "--stage", "market");
        assertEquals(CaigCommand.EXIT_USER_ERROR, missing.exit(), missing.err());
        assertEquals(2, CliRun.of("pipeline", "--no-such-option").exit());
    }
}

package dev.caig.runtime.cli;

import dev.caig.runtime.pipeline.PipelineConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StageOptionsTest {

    @Test
    void aStageCommandTakesItsDataFromItsOptionsAndItsSettingsFromConfigAndSet() {
        PretrainCommand command = new PretrainCommand();
        new CommandLine(command).parseArgs("--catalog", "s3://shop/data/catalog.json", "--config",
                Path.of("..", "samples", "local", "quickstart.yaml").toString(), "--set", "pretrain.epochs=2",
                "--out", "/tmp/x");
        PipelineConfig config = command.options.pipelineConfig();
        assertEquals("s3://shop/data/catalog.json", config.data().catalog());
        assertNull(config.data().clickLogs(), "pre-training needs no click log");
        assertNull(config.data().market(), "the config file's simulated market is not used");
        assertEquals(2, config.pretrain().epochs());
        assertEquals(96, config.promptModel().embedDim(), "the rest comes from the config file");
    }
}

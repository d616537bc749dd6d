package dev.caig.runtime.cli;

import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every stage command shares: the data in the paper's formats and an optional config for the rest. */
final class StageOptions {
    @Option(names = "--catalog", required = true, paramLabel = "URI",
            description = "Product catalog (the paper's tiny.json format): a file or folder, or s3://bucket/key.")
    String catalog;

    @Option(names = "--click-log", paramLabel = "URI",
            description = "Click logs (creatives keyed by product id): a file or s3://bucket/key.")
    String clickLog;

    @Option(names = "--config", paramLabel = "FILE", description = "Pipeline config for the stage's settings (defaults otherwise).")
    Path config;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the run (default: the config's, else 7).")
    Long seed;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override one setting, e.g. --set pcpo.iterations=10 (repeatable).")
    java.util.List<String> overrides = new java.util.ArrayList<>();

    /**
     * The config (or the defaults) with the --set overrides applied and its data replaced by this command's files.
     * The data section of a --config file is not used: the command's options say which data to read.
     */
    PipelineConfig pipelineConfig() {
        PipelineConfig base = config == null
                ? new PipelineConfig(null, null, null, null, null, null, null, null, null)
                : PipelineConfigLoader.load(config);
        PipelineConfig settings = PipelineConfigLoader.withSettingOverrides(base, overrides);
        PipelineConfig.Data data = new PipelineConfig.Data(null, catalog, clickLog, settings.data().heldOutFraction());
        return new PipelineConfig(settings.name(), seed != null ? seed : settings.seed(), data, settings.render(),
                settings.promptModel(), settings.pretrain(), settings.reward(), settings.pcpo(), settings.evaluate());
    }
}

package dev.caig.runtime.cli;

import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every stage command shares: the data in the paper's formats and an optional config for the rest. */
final class StageOptions {
    @Option(names = "--catalog", required = true, paramLabel = "FILE", description = "Product catalog (the paper's tiny.json format).")
    String catalog;

    @Option(names = "--click-log", paramLabel = "FILE", description = "Click logs (creatives keyed by product id).")
    String clickLog;

    @Option(names = "--config", paramLabel = "FILE", description = "Pipeline config for the stage's settings (defaults otherwise).")
    Path config;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the run (default: the config's, else 7).")
    Long seed;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override one setting, e.g. --set pcpo.iterations=10 (repeatable).")
    java.util.List<String> overrides = new java.util.ArrayList<>();

    /** The config (or the defaults) with its data replaced by this command's files and the --set overrides applied. */
    PipelineConfig pipelineConfig() {
        PipelineConfig base = config == null
                ? new PipelineConfig(null, null, null, null, null, null, null, null, null)
                : PipelineConfigLoader.load(config);
        PipelineConfig.Data data = new PipelineConfig.Data(null, catalog, clickLog, base.data().heldOutFraction());
        PipelineConfig withData = new PipelineConfig(base.name(), seed != null ? seed : base.seed(), data, base.render(),
                base.promptModel(), base.pretrain(), base.reward(), base.pcpo(), base.evaluate());
        return PipelineConfigLoader.withOverrides(withData, overrides);
    }
}

package dev.caig.runtime.cli;

import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import picocli.CommandLine.Option;

/** {@code --renderer URI} and {@code --render-settings}, shared by every command that renders. */
final class RendererOption {
    @Option(names = "--renderer", paramLabel = "URI",
            description = "Render with the diffusion-renderer artifact at URI (made by 'caig renderer import') instead of "
                    + "the configured renderer.")
    String uri;

    @Option(names = "--render-settings", paramLabel = "YAML",
            description = "Render settings as the pipeline config's render section, e.g. "
                    + "'{steps: 40, sampler: euler-ancestral, guidance: 7.5}' (fields not given keep their value).")
    String settings;

    PipelineConfig apply(PipelineConfig config) {
        return config.withRender(apply(config.render()));
    }

    PipelineConfig.Render apply(PipelineConfig.Render render) {
        PipelineConfig.Render merged = settings == null ? render
                : PipelineConfigLoader.withRenderSettings(render, settings, "--render-settings");
        return uri == null ? merged : merged.withDiffusionModel(uri);
    }
}

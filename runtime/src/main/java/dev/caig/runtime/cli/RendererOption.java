package dev.caig.runtime.cli;

import dev.caig.runtime.pipeline.PipelineConfig;
import picocli.CommandLine.Option;

/** {@code --renderer URI}, shared by every command that renders: switch to the diffusion back end at URI. */
final class RendererOption {
    @Option(names = "--renderer", paramLabel = "URI",
            description = "Render with the diffusion-renderer artifact at URI (made by 'caig renderer import') instead of "
                    + "the config's renderer; sampling settings from the config's render section (else the defaults).")
    String uri;

    PipelineConfig apply(PipelineConfig config) {
        return uri == null ? config : config.withRender(config.render().withDiffusionModel(uri));
    }

    PipelineConfig.Render apply(PipelineConfig.Render render) {
        return uri == null ? render : render.withDiffusionModel(uri);
    }
}

package dev.caig.runtime.pipeline;

import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.render.diffusion.DiffusionRenderers;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;

import java.util.Map;

/** The renderer a config's {@code render} section names: procedural, or the diffusion artifact it points at. */
public final class Renderers {
    private Renderers() {
    }

    /** Opens the back end (a diffusion model is fetched, sha256-verified and loaded); the caller closes it. */
    public static AdRenderer open(PipelineConfig.Render render, ArtifactStore store) {
        if (!render.diffusion()) {
            return new AdRenderer();
        }
        System.err.println("loading diffusion renderer " + render.model() + " (" + render.sampler() + ", "
                + render.steps() + " steps, guidance " + render.guidance() + ")");
        return new AdRenderer(DiffusionRenderers.open(store, render.model(), render.diffusionSettings()));
    }

    /** The render section a model was trained with, from its manifest's config; procedural defaults if none. */
    public static PipelineConfig.Render trainedWith(ArtifactManifest manifest) {
        if (manifest.config().get("render") instanceof Map<?, ?> section) {
            try {
                return PipelineConfigLoader.renderSection(section);
            } catch (RuntimeException e) {
                return new PipelineConfig.Render(null, null);
            }
        }
        return new PipelineConfig.Render(null, null);
    }
}

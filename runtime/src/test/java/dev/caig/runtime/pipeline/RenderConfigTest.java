package dev.caig.runtime.pipeline;

import dev.caig.runtime.CaigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The render section: procedural by default (recorded as before), diffusion with its settings and their checks. */
class RenderConfigTest {
    private static final String DATA = "data: {market: {products: 4}}\n";

    @Test
    void aProceduralConfigRecordsNoDiffusionSettings() {
        PipelineConfig c = PipelineConfigLoader.parse(DATA + "render: {size: 64, seed: 42}\n", "t");
        assertFalse(c.render().diffusion());
        assertEquals(Map.of("size", 64, "seed", 42L), c.asMap().get("render"));
    }

    @Test
    void namingAModelPicksDiffusionWithThePapersDefaults() {
        PipelineConfig c = PipelineConfigLoader.parse(DATA + "render: {size: 512, model: s3://caig/r}\n", "t");
        assertTrue(c.render().diffusion());
        assertEquals(30, c.render().steps());
        assertEquals(7.5, c.render().guidance());
        assertEquals("ddim", c.render().sampler());
        assertEquals(0.0, c.render().eta());
        assertEquals(1.0, c.render().controlScale());
    }

    @Test
    void badDiffusionSettingsNameTheirField() {
        assertProblem("render: {backend: diffusion}", "render.model: the diffusion back end needs the URI");
        assertProblem("render: {model: s3://caig/r, sampler: dpm}", "render.sampler: must be one of [ddim, euler-ancestral]");
        assertProblem("render: {model: s3://caig/r, size: 100}", "render.size: the diffusion back end needs a multiple of 8");
        assertProblem("render: {model: s3://caig/r, eta: 2}", "render.eta: must be in [0, 1]");
        assertProblem("render: {backend: gan}", "render.backend: must be procedural or diffusion");
    }

    @Test
    void renderSettingsOverlayTheGivenFieldsOnly() {
        PipelineConfig.Render base = PipelineConfigLoader.parse(DATA + "render: {size: 256, model: s3://caig/r, steps: 40}\n", "t").render();
        PipelineConfig.Render r = PipelineConfigLoader.withRenderSettings(base, "{sampler: euler-ancestral}", "--render-settings");
        assertEquals("euler-ancestral", r.sampler());
        assertEquals(40, r.steps());
        assertEquals(256, r.size());
        CaigException e = assertThrows(CaigException.class,
                () -> PipelineConfigLoader.withRenderSettings(base, "{stepz: 3}", "--render-settings"));
        assertTrue(e.getMessage().startsWith("--render-settings: ") && e.getMessage().contains("stepz"), e.getMessage());
    }

    private static void assertProblem(String render, String expected) {
        CaigException e = assertThrows(CaigException.class, () -> PipelineConfigLoader.parse(DATA + render + "\n", "cfg.yaml"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

package dev.caig.runtime.pipeline;

import dev.caig.runtime.CaigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineConfigLoaderTest {
    @Test
    void defaultsAreThePapersPcpoConstants() {
        PipelineConfig c = PipelineConfigLoader.parse("data: {market: {}}", "test");
        assertEquals(5, c.pcpo().iterations());
        assertEquals(8, c.pcpo().batchSamples());
        assertEquals(2, c.pcpo().generateNums());
        assertEquals(0.5, c.pcpo().beta());
        assertEquals(1.0, c.pcpo().pcpoWeight());
        assertEquals(0.5, c.pcpo().pcpoBeta());
        assertEquals(2e-5, c.pcpo().learningRate());
        assertEquals(0.75, c.pcpo().maskRatio());
        assertEquals(1000L, c.reward().minImpressions());
        assertEquals(1.05, c.reward().minCtrRatio());
        assertEquals(1.20, c.reward().maxCtrRatio());
        assertEquals(42L, c.render().seed());
    }

    @Test
    void anUnknownFieldIsNamedWithItsPath() {
        CaigException e = assertThrows(CaigException.class,
                () -> PipelineConfigLoader.parse("data: {market: {}}\npcpo: {iteration: 3}", "my.yaml"));
        assertTrue(e.getMessage().contains("my.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("'iteration'"), e.getMessage());
        assertTrue(e.getMessage().contains("pcpo"), e.getMessage());
    }

    @Test
    void allSemanticProblemsAreReportedTogether() {
        CaigException e = assertThrows(CaigException.class, () -> PipelineConfigLoader.parse(
                "data: {catalog: a.json}\npcpo: {generateNums: 1, iterations: 0}\npromptModel: {imageSize: 60}", "c.yaml"));
        assertTrue(e.getMessage().contains("data.clickLogs"), e.getMessage());
        assertTrue(e.getMessage().contains("pcpo.generateNums"), e.getMessage());
        assertTrue(e.getMessage().contains("pcpo.iterations"), e.getMessage());
        assertTrue(e.getMessage().contains("promptModel.imageSize"), e.getMessage());
    }

    @Test
    void marketAndUserDataAreExclusive() {
        assertThrows(CaigException.class, () -> PipelineConfigLoader.parse(
                "data: {market: {}, catalog: a.json, clickLogs: b.json}", "c.yaml"));
    }

    @Test
    void setOverridesApplyDottedPathsAndAreValidated() {
        PipelineConfig c = PipelineConfigLoader.parse("data: {market: {}}", "t");
        PipelineConfig changed = PipelineConfigLoader.withOverrides(c, List.of("pcpo.iterations=9", "pcpo.pcpoWeight=0"));
        assertEquals(9, changed.pcpo().iterations());
        assertEquals(0.0, changed.pcpo().pcpoWeight());
        assertThrows(CaigException.class, () -> PipelineConfigLoader.withOverrides(c, List.of("pcpo.iterations=0")));
        assertThrows(CaigException.class, () -> PipelineConfigLoader.withOverrides(c, List.of("pcpo.nope=1")));
        assertThrows(CaigException.class, () -> PipelineConfigLoader.withOverrides(c, List.of("novalue")));
    }

    @Test
    void theShippedSamplesLoad() {
        Path samples = Path.of("..", "samples", "local");
        for (String name : List.of("quickstart.yaml")) {
            PipelineConfig c = PipelineConfigLoader.load(samples.resolve(name));
            assertTrue(c.data().simulated(), name);
        }
    }
}

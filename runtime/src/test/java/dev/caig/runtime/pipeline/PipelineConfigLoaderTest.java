package dev.caig.runtime.pipeline;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.train.RewardTrainer;
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
    void theRewardModelsPointwiseTermIsOffByDefaultAndMustBeAFiniteNonNegativeWeight() {
        PipelineConfig c = PipelineConfigLoader.parse("data: {market: {}}", "t");
        assertEquals(0.0, c.reward().pointwiseWeight(), "the paper's pair loss alone");
        assertEquals(1.0, PipelineConfigLoader.withOverrides(c, List.of("reward.pointwiseWeight=1")).reward().pointwiseWeight());
        for (String bad : List.of("-0.5", "NaN", "Infinity")) {
            CaigException e = assertThrows(CaigException.class,
                    () -> PipelineConfigLoader.withOverrides(c, List.of("reward.pointwiseWeight=" + bad)));
            assertTrue(e.getMessage().contains("reward.pointwiseWeight"), e.getMessage());
        }
    }

    @Test
    void pcposAnchorsAreOffByDefaultAndMustBeFiniteNonNegativeWeights() {
        PipelineConfig c = PipelineConfigLoader.parse("data: {market: {}}", "t");
        assertEquals(0.0, c.pcpo().chosenNllWeight(), "the paper's losses alone");
        assertEquals(0.0, c.pcpo().pretrainMixWeight(), "the paper's losses alone");
        assertEquals(0.5, PipelineConfigLoader.withOverrides(c, List.of("pcpo.chosenNllWeight=0.5")).pcpo().chosenNllWeight());
        assertEquals(0.2, PipelineConfigLoader.withOverrides(c, List.of("pcpo.pretrainMixWeight=0.2")).pcpo().pretrainMixWeight());
        for (String field : List.of("pcpo.chosenNllWeight", "pcpo.pretrainMixWeight")) {
            for (String bad : List.of("-1", "NaN", "Infinity")) {
                CaigException e = assertThrows(CaigException.class,
                        () -> PipelineConfigLoader.withOverrides(c, List.of(field + "=" + bad)));
                assertTrue(e.getMessage().contains(field), e.getMessage());
            }
        }
    }

    @Test
    void restartsAreOneByDefaultAndNeedTheRewardModelsValidationProducts() {
        PipelineConfig c = PipelineConfigLoader.parse("data: {market: {}}", "t");
        assertEquals(1, c.pcpo().restarts(), "one run, the paper's");
        assertEquals(3, PipelineConfigLoader.withOverrides(c, List.of("pcpo.restarts=3")).pcpo().restarts());
        for (String bad : List.of("0", "17")) {
            CaigException e = assertThrows(CaigException.class,
                    () -> PipelineConfigLoader.withOverrides(c, List.of("pcpo.restarts=" + bad)));
            assertTrue(e.getMessage().contains("pcpo.restarts") && e.getMessage().contains(bad), e.getMessage());
        }
        CaigException e = assertThrows(CaigException.class, () -> PipelineConfigLoader.withOverrides(c,
                List.of("pcpo.restarts=3", "reward.validationFraction=0")));
        assertTrue(e.getMessage().contains("reward.validationFraction"), e.getMessage());
    }

    @Test
    void theRewardTrunkIsPatchByDefaultAndAnUnknownOneIsNamed() {
        PipelineConfig c = PipelineConfigLoader.parse("data: {market: {}}", "t");
        assertEquals("patch", c.reward().trunk(), "the trunk of every model saved before the setting");
        assertEquals("conv", PipelineConfigLoader.withOverrides(c, List.of("reward.trunk=conv")).reward().trunk());
        CaigException e = assertThrows(CaigException.class,
                () -> PipelineConfigLoader.withOverrides(c, List.of("reward.trunk=resnet")));
        assertTrue(e.getMessage().contains("reward.trunk") && e.getMessage().contains("resnet")
                && e.getMessage().contains("conv"), e.getMessage());
    }

    @Test
    void theRewardModelsValidationShareAndSceneAdsAreCheckedWithTheirNames() {
        PipelineConfig c = PipelineConfigLoader.parse("data: {market: {}}", "t");
        assertEquals(0.1, c.reward().validationFraction());
        assertEquals(0, c.reward().sceneExamples());
        assertEquals(RewardTrainer.DEFAULT_SCENE_PASSES, c.reward().scenePasses());
        for (String bad : List.of("reward.validationFraction=1", "reward.validationFraction=-0.1", "reward.sceneExamples=-1",
                "reward.scenePasses=0", "reward.scenePasses=501")) {
            CaigException e = assertThrows(CaigException.class, () -> PipelineConfigLoader.withOverrides(c, List.of(bad)));
            assertTrue(e.getMessage().contains(bad.substring(0, bad.indexOf('='))), e.getMessage());
        }
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
        assertEquals("reward", c.pcpo().chooser());
        assertEquals("random", PipelineConfigLoader.withOverrides(c, List.of("pcpo.chooser=random")).pcpo().chooser());
        CaigException e = assertThrows(CaigException.class,
                () -> PipelineConfigLoader.withOverrides(c, List.of("pcpo.chooser=oracle")));
        assertTrue(e.getMessage().contains("pcpo.chooser"), e.getMessage());
    }

    @Test
    void theShippedSamplesLoad() {
        Path samples = Path.of("..", "samples", "local");
        assertTrue(PipelineConfigLoader.load(samples.resolve("quickstart.yaml")).data().simulated());
        assertEquals(200, PipelineConfigLoader.load(samples.resolve("paper.yaml")).data().market().products());
        PipelineConfig byod = PipelineConfigLoader.load(samples.resolve("byod-tiny.yaml"));
        assertEquals("../shared/data/caig-tiny/tiny.json", byod.data().catalog());
        assertEquals("out/byod-tiny-data/clicks.json", byod.data().clickLogs());
    }

    @Test
    void userDataTakesS3UrisAndABadLocationIsNamedWithItsField() {
        PipelineConfig c = PipelineConfigLoader.parse(
                "data: {catalog: 's3://shop/data/catalog.json', clickLogs: 's3://shop/data/clicks.json'}", "c.yaml");
        assertEquals("s3://shop/data/catalog.json", c.data().catalog());
        assertTrue(!c.data().simulated());
        CaigException e = assertThrows(CaigException.class, () -> PipelineConfigLoader.parse(
                "data: {catalog: 'ftp://shop/catalog.json', clickLogs: 's3://X/clicks.json'}", "c.yaml"));
        assertTrue(e.getMessage().contains("data.catalog: ftp://shop/catalog.json: unsupported URI scheme 'ftp'"), e.getMessage());
        assertTrue(e.getMessage().contains("data.clickLogs: s3://X: invalid bucket name"), e.getMessage());
    }

    @Test
    void settingOverridesOfAStageCommandCheckTheSettingsButNotTheDataSection() {
        PipelineConfig defaults = new PipelineConfig(null, null, null, null, null, null, null, null, null);
        PipelineConfig changed = PipelineConfigLoader.withSettingOverrides(defaults, List.of("pretrain.epochs=2"));
        assertEquals(2, changed.pretrain().epochs());
        CaigException e = assertThrows(CaigException.class,
                () -> PipelineConfigLoader.withSettingOverrides(defaults, List.of("pretrain.epochs=0")));
        assertEquals("--set: pretrain.epochs: must be >= 1, got 0", e.getMessage());
    }
}

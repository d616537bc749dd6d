package dev.caig.runtime.stage;

import dev.caig.runtime.data.ProductSplit;
import dev.caig.runtime.pipeline.PipelineConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RewardValidationSplitTest {
    private static final ProductSplit SPLIT = ProductSplit.of(
            IntStream.range(0, 200).mapToObj(i -> String.format("p%03d", i)).toList(), 0.25, 11);

    @Test
    void validationProductsComeFromTheTrainingProductsOnlyAndAreNotTrainedOn() {
        var settings = PipelineConfigLoader.parse("data: {market: {}}", "t").reward();
        ProductSplit fit = RewardStage.validationSplit(SPLIT, settings, 11);
        assertEquals(15, fit.heldOut().size(), "10 % of 150 training products");
        assertEquals(135, fit.training().size());
        Set<String> union = new HashSet<>(fit.training());
        union.addAll(fit.heldOut());
        assertEquals(SPLIT.training(), union);
        assertTrue(fit.heldOut().stream().noneMatch(SPLIT.heldOut()::contains), "never a held-out product");
        assertTrue(fit.heldOut().stream().noneMatch(fit.training()::contains));
    }

    @Test
    void aZeroShareKeepsEveryTrainingProduct() {
        var settings = PipelineConfigLoader.withOverrides(PipelineConfigLoader.parse("data: {market: {}}", "t"),
                List.of("reward.validationFraction=0")).reward();
        ProductSplit fit = RewardStage.validationSplit(SPLIT, settings, 11);
        assertEquals(SPLIT.training(), fit.training());
        assertTrue(fit.heldOut().isEmpty());
    }
}

package dev.caig.runtime.stage;

import dev.caig.runtime.generate.CandidateRanking;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.RewardModelConfig;
import dev.caig.runtime.model.TinyModels;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartSelectionTest {
    private static final List<TrainingData.Product> PRODUCTS = List.of(
            new TrainingData.Product("a", "rose hand cream", photo(0xCC3344)),
            new TrainingData.Product("b", "steel desk lamp", photo(0x3366AA)));

    private static BufferedImage photo(int rgb) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(rgb));
        g.fillRect(8, 8, 16, 16);
        g.dispose();
        return image;
    }

    /** An ad whose background colour follows the description, so different descriptions make different ads. */
    private static BufferedImage ad(TrainingData.Product product, String description) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(description.hashCode() & 0xFFFFFF));
        g.fillRect(0, 0, 32, 32);
        g.drawImage(product.image(), 0, 0, null);
        g.dispose();
        return image;
    }

    @Test
    void thePretrainedPolicyAgainstItselfTiesEveryPair() {
        try (PromptModel pretrained = TinyModels.promptModel(31); PromptModel same = TinyModels.promptModel(31);
             PromptModel other = TinyModels.promptModel(32);
             RewardModel rm = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            RestartSelection selection = new RestartSelection(PRODUCTS, pretrained, rm, RestartSelectionTest::ad,
                    CandidateRanking.sampling(1.0, 12, false), 5);
            assertEquals(0.5, selection.winRate(same), "the same samples: every pair a tie");
            double rate = selection.winRate(other);
            assertTrue(rate >= 0 && rate <= 1, "a share: " + rate);
            assertNotEquals(0.5, rate, "another policy's samples are not all the pre-trained one's");
        }
    }

    @Test
    void theHighestWinRateIsChosenTheEarlierRestartWinsATieAndACollapsedOneNever() {
        assertEquals(1, RestartSelection.best(List.of(0.5, 0.7, 0.7)));
        assertEquals(2, RestartSelection.best(List.of(0.5, 0.7, 0.71)));
        assertEquals(0, RestartSelection.best(List.of(0.9)));
        assertEquals(1, RestartSelection.best(List.of(Double.NaN, 0.6, 0.55)), "a collapsed restart never wins");
        assertEquals(-1, RestartSelection.best(List.of(Double.NaN, Double.NaN)), "none left to choose");
    }
}

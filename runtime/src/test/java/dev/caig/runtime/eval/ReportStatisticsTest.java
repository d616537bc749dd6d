package dev.caig.runtime.eval;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportStatisticsTest {

    @Test
    void pValuesBelowDoublePrecisionArePrintedAsABound() {
        assertEquals("< 1e-15", ReportMarkdown.pValue(0.0));
        assertEquals("< 1e-15", ReportMarkdown.pValue(3e-17));
        assertEquals("0.00123", ReportMarkdown.pValue(0.001234));
        assertEquals("n/a", ReportMarkdown.pValue(null));
    }

    @Test
    void rewardAccuracyAboveChanceNeedsEnoughPairs() {
        assertFalse(RewardEvaluation.aboveChance(51, 100), "0.51 on 100 pairs is a coin");
        assertFalse(RewardEvaluation.aboveChance(510, 1000), "0.51 on 1000 pairs is a coin too");
        assertTrue(RewardEvaluation.aboveChance(560, 1000));
        assertFalse(RewardEvaluation.aboveChance(0, 0));
    }

    @Test
    void rankOneIsTheHighestScoreAndTheEarlierSampleWinsATie() {
        assertEquals(2, PolicyArms.rankOne(new float[] {0.1f, 0.3f, 0.5f, 0.2f}));
        assertEquals(1, PolicyArms.rankOne(new float[] {0.1f, 0.5f, 0.5f}));
        assertEquals(0, PolicyArms.rankOne(new float[] {1f}));
    }

    @Test
    void theReportWarnsInPlainWordsWhenTheRewardModelIsNotAboveChance() {
        java.util.Map<String, Object> fresh = new java.util.LinkedHashMap<>(java.util.Map.of("candidates", 8, "products", 50,
                "pairs", 1000, "accuracyTrueOrder", 0.51, "pickLift", 0.01, "oraclePickLift", 0.7, "aboveChance", false));
        java.util.Map<String, Object> reward = new java.util.LinkedHashMap<>(java.util.Map.of("pairs", 600, "accuracy", 0.49,
                "aboveChance", false, "freshCandidates", fresh));
        String md = ReportMarkdown.render(report(reward));
        assertTrue(md.contains("held-out accuracy is not above chance"), md);
        assertTrue(md.contains("no better than chance"), md);
        reward.put("aboveChance", true);
        fresh.put("aboveChance", true);
        String good = ReportMarkdown.render(report(reward));
        assertFalse(good.contains("Warning"), good);
    }

    private static java.util.Map<String, Object> report(java.util.Map<String, Object> reward) {
        return new java.util.LinkedHashMap<>(java.util.Map.of("reward", reward, "rewardWinRate", java.util.Map.of(),
                "figures", List.of(), "note", "user data"));
    }
}

package dev.caig.runtime.data;

import dev.caig.runtime.CaigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairFilterTest {

    private static Creative c(String id, long impressions, long clicks) {
        return new Creative(id, id + ".png", impressions, clicks);
    }

    private static ClickLog log(Map<String, List<Creative>> byProduct) {
        return new ClickLog(Path.of("clicks.json"), byProduct);
    }

    @Test
    void onlyCreativesAboveTheImpressionThresholdCount() {
        // CTRs 1.0% and 1.1% (ratio 1.10): a pair only when both have more than 1000 impressions.
        List<Creative> exactlyAtThreshold = List.of(c("a", 1000, 10), c("b", 2000, 22));
        List<Creative> above = List.of(c("a", 1001, 10), c("b", 2000, 22));
        assertEquals(0, PairFilter.PAPER.pairsOf("p", exactlyAtThreshold).size(), "impressions must be > 1000");
        assertEquals(1, PairFilter.PAPER.pairsOf("p", above).size());
    }

    @Test
    void ratioBoundsAreInclusiveAndTheBetterCreativeIsTheHigherCtr() {
        Creative base = c("base", 10_000, 100);           // 1.00%
        Creative atMin = c("min", 10_000, 105);           // 1.05x
        Creative atMax = c("max", 10_000, 120);           // 1.20x
        Creative tooClose = c("close", 10_000, 104);      // 1.04x
        Creative tooFar = c("far", 10_000, 121);          // 1.21x
        assertEquals(List.of(new RewardPair("p", atMin, base)), PairFilter.PAPER.pairsOf("p", List.of(base, atMin)));
        assertEquals(List.of(new RewardPair("p", atMax, base)), PairFilter.PAPER.pairsOf("p", List.of(atMax, base)));
        assertEquals(List.of(), PairFilter.PAPER.pairsOf("p", List.of(base, tooClose)));
        assertEquals(List.of(), PairFilter.PAPER.pairsOf("p", List.of(base, tooFar)));
        RewardPair pair = PairFilter.PAPER.pairsOf("p", List.of(base, atMin)).get(0);
        assertEquals(0.0105, pair.betterCtr(), 1e-12);
        assertEquals(0.0100, pair.worseCtr(), 1e-12);
    }

    @Test
    void zeroCtrEqualCtrAndLoneSurvivorsMakeNoPairs() {
        assertEquals(List.of(), PairFilter.PAPER.pairsOf("p", List.of(c("a", 5000, 0), c("b", 5000, 0))));
        assertEquals(List.of(), PairFilter.PAPER.pairsOf("p", List.of(c("a", 5000, 50), c("b", 5000, 50))));
        // One survivor and one under-exposed creative: the product needs two survivors.
        assertEquals(List.of(), PairFilter.PAPER.pairsOf("p", List.of(c("a", 5000, 50), c("b", 900, 10))));
    }

    @Test
    void pairsNeverMixProducts() {
        Map<String, List<Creative>> byProduct = new LinkedHashMap<>();
        byProduct.put("p1", List.of(c("a", 5000, 50)));
        byProduct.put("p2", List.of(c("b", 5000, 55)));
        assertEquals(List.of(), PairFilter.PAPER.pairs(log(byProduct)));
    }

    @Test
    void labelsPutTheBetterCreativeOnEachSideAboutHalfTheTimeAndSwappingFlipsTheLabel() {
        List<RewardPair> pairs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            pairs.add(new RewardPair("p" + i, c("hi" + i, 5000, 55), c("lo" + i, 5000, 50)));
        }
        List<LabeledPair> labeled = RewardPairs.label(pairs, 42);
        assertEquals(labeled, RewardPairs.label(pairs, 42), "same seed, same sides");
        long right = labeled.stream().filter(p -> p.label() == LabeledPair.RIGHT_BETTER).count();
        assertTrue(right > 150 && right < 250, "about half on the right: " + right);
        for (int i = 0; i < labeled.size(); i++) {
            LabeledPair p = labeled.get(i);
            assertEquals(pairs.get(i).better(), p.better(), "the label points at the better creative");
            LabeledPair swapped = p.swapped();
            assertEquals(1 - p.label(), swapped.label());
            assertEquals(p.left(), swapped.right());
            assertEquals(p.better(), swapped.better());
            assertEquals(p, swapped.swapped());
        }
    }

    @Test
    void summaryCountsProductsCreativesImpressionsAndPairsPerProduct() {
        Map<String, List<Creative>> byProduct = new LinkedHashMap<>();
        // p1: three survivors at 1.00%, 1.10%, 1.16% -> pairs (1.10,1.00), (1.16,1.00); 1.16/1.10 = 1.055 -> 3 pairs
        byProduct.put("p1", List.of(c("a", 10_000, 100), c("b", 10_000, 110), c("c", 10_000, 116), c("d", 200, 5)));
        byProduct.put("p2", List.of(c("e", 3000, 30), c("f", 3000, 33)));
        byProduct.put("p3", List.of(c("g", 500, 5)));
        PairSummary s = PairSummary.of(log(byProduct), PairFilter.PAPER);
        assertEquals(3, s.products());
        assertEquals(7, s.creatives());
        assertEquals(10_000 * 3 + 200 + 6000 + 500, s.totalImpressions());
        assertEquals(5, s.survivingCreatives());
        assertEquals(4, s.pairs());
        assertEquals(2, s.productsWithPairs());
        assertEquals(Map.of(0, 1, 1, 1, 3, 1), s.pairsPerProduct());
        assertEquals(2.0, s.medianPairsPerProductWithPairs());
        assertTrue(s.render().contains("4 reward pairs (impressions > 1000, CTR ratio 1.05-1.20) from 2 products"), s.render());
    }

    @Test
    void tooFewPairsSaysHowManyHowManyNeededAndWhatRelaxingWouldGive() {
        Map<String, List<Creative>> byProduct = new LinkedHashMap<>();
        byProduct.put("p1", List.of(c("a", 800, 8), c("b", 800, 9)));             // 1.125x, only under 1000 impressions
        byProduct.put("p2", List.of(c("c", 5000, 50), c("d", 5000, 70)));         // 1.40x, only in a wider band
        byProduct.put("p3", List.of(c("e", 5000, 50), c("f", 5000, 55)));         // 1.10x, passes
        CaigException e = assertThrows(CaigException.class,
                () -> RewardPairs.requireEnough(log(byProduct), PairFilter.PAPER, 10));
        assertEquals("clicks.json: only 1 reward pairs survive the filters (impressions > 1000, CTR ratio 1.05-1.20); "
                + "at least 10 are needed to train a reward model. Relaxed thresholds would give: "
                + "impressions > 500, CTR ratio 1.05-1.20: 2; impressions > 1000, CTR ratio 1.02-1.50: 2; "
                + "impressions > 500, CTR ratio 1.02-1.50: 3. "
                + "Set the thresholds in the pipeline config or with --set (reward.minImpressions, reward.minCtrRatio,"
                + " reward.maxCtrRatio; reward.minPairs is the minimum), or collect more impressions per creative.",
                e.getMessage());
        assertEquals(1, RewardPairs.requireEnough(log(byProduct), PairFilter.PAPER, 1).size());
    }

    @Test
    void badThresholdsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PairFilter(1000, 0.9, 1.2));
        assertThrows(IllegalArgumentException.class, () -> new PairFilter(1000, 1.3, 1.2));
        assertThrows(IllegalArgumentException.class, () -> new PairFilter(-1, 1.05, 1.2));
    }
}

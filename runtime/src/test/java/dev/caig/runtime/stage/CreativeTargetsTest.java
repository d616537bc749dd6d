package dev.caig.runtime.stage;

import dev.caig.runtime.data.Creative;
import dev.caig.runtime.data.PairFilter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CreativeTargetsTest {
    private static TrainingData.CreativeImage creative(String product, String id, long impressions, long clicks) {
        return new TrainingData.CreativeImage(product, new Creative(id, id + ".png", impressions, clicks), Path.of(id + ".png"));
    }

    private static final Map<String, List<TrainingData.CreativeImage>> LOG = Map.of(
            "p1", List.of(creative("p1", "a", 2000, 20), creative("p1", "b", 2000, 40), creative("p1", "c", 4000, 10),
                    creative("p1", "few", 1000, 50), creative("p1", "none", 5000, 0)),
            "p2", List.of(creative("p2", "d", 3000, 30), creative("p2", "e", 900, 30)),
            "p3", List.of(creative("p3", "f", 1500, 15), creative("p3", "g", 1500, 45)));

    @Test
    void eachTargetIsTheLogCtrMinusItsProductsMeanOverTrustedCreatives() {
        List<CreativeTargets.ProductTargets> out = CreativeTargets.build(LOG, Set.of("p1", "p2", "p3"), PairFilter.PAPER);
        // p2 keeps one creative (900 impressions is not > 1000): no targets. p1 drops "few" (1000 is not > 1000)
        // and "none" (no clicks, no log).
        assertEquals(List.of("p1", "p3"), out.stream().map(CreativeTargets.ProductTargets::productId).toList());
        List<CreativeTargets.Target> p1 = out.get(0).targets();
        assertEquals(List.of("a", "b", "c"), p1.stream().map(t -> t.creative().creative().creativeId()).toList());
        double mean = (Math.log(0.01) + Math.log(0.02) + Math.log(0.0025)) / 3;
        assertEquals(Math.log(0.01) - mean, p1.get(0).centredLogCtr(), 1e-12);
        assertEquals(Math.log(0.02) - mean, p1.get(1).centredLogCtr(), 1e-12);
        assertEquals(Math.log(0.0025) - mean, p1.get(2).centredLogCtr(), 1e-12);
        List<CreativeTargets.Target> p3 = out.get(1).targets();
        assertEquals(-Math.log(3) / 2, p3.get(0).centredLogCtr(), 1e-12);
        assertEquals(Math.log(3) / 2, p3.get(1).centredLogCtr(), 1e-12);
    }

    @Test
    void targetsAreCentredPerProductAndOnlyTheGivenProductsCount() {
        List<CreativeTargets.ProductTargets> out = CreativeTargets.build(LOG, Set.of("p3", "p1"), new PairFilter(0, 1, 1));
        assertEquals(List.of("p1", "p3"), out.stream().map(CreativeTargets.ProductTargets::productId).toList());
        for (CreativeTargets.ProductTargets p : out) {
            assertEquals(0, p.targets().stream().mapToDouble(CreativeTargets.Target::centredLogCtr).sum(), 1e-12, p.productId());
        }
        assertEquals(4, out.get(0).targets().size(), "minImpressions 0 keeps 'few', never the click-less creative");
        assertEquals(List.of(), CreativeTargets.build(LOG, Set.of("p2"), new PairFilter(5000, 1, 1)));
    }
}

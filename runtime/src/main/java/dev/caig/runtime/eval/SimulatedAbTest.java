package dev.caig.runtime.eval;

import dev.caig.runtime.market.CtrOracle;
import dev.caig.runtime.market.SimulatedMarket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The online A/B test, simulated: each arm gets the same impressions, split evenly over its creatives; each
 * creative's clicks are drawn from its CTR under the market's hidden model (with the unobserved per-creative
 * effect). Lifts are against the pre-trained arm; each reranked arm is also tested against pretrained-reranked.
 */
final class SimulatedAbTest {
    static final String PRETRAINED = "pretrained";
    static final String RERANKED = "-reranked";
    static final String PRETRAINED_RERANKED = PRETRAINED + RERANKED;

    private final SimulatedMarket market;
    private final long impressionsPerArm;
    private final long seed;

    SimulatedAbTest(SimulatedMarket market, long impressionsPerArm, long seed) {
        this.market = market;
        this.impressionsPerArm = impressionsPerArm;
        this.seed = seed;
    }

    List<ArmResult> run(List<Arm> arms) {
        long[] clicks = new long[arms.size()];
        double[] meanTrue = new double[arms.size()];
        double[] match = new double[arms.size()];
        for (int a = 0; a < arms.size(); a++) {
            List<Arm.Creative> creatives = arms.get(a).creatives();
            SplittableRandom random = new SplittableRandom(seed * 7_919L + a);
            CtrOracle oracle = market.oracle();
            long base = impressionsPerArm / creatives.size();
            long remainder = impressionsPerArm % creatives.size();
            for (int i = 0; i < creatives.size(); i++) {
                Arm.Creative c = creatives.get(i);
                var product = market.product(c.productId());
                double ctr = oracle.expectedCtr(product, c.description(), c.ad());
                long shown = base + (i < remainder ? 1 : 0);
                clicks[a] += binomial(shown, ctr, random);
                meanTrue[a] += oracle.trueCtr(product, c.description(), c.ad()) / creatives.size();
                match[a] += oracle.isSuitable(product, c.description()) ? 1.0 / creatives.size() : 0;
            }
        }
        int pretrained = indexOf(arms, PRETRAINED);
        int rerankedBaseline = indexOf(arms, PRETRAINED_RERANKED);
        List<ArmResult> results = new ArrayList<>();
        for (int a = 0; a < arms.size(); a++) {
            ProportionTest t = pretrained < 0 ? new ProportionTest(Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                    : ProportionTest.compare(clicks[pretrained], impressionsPerArm, clicks[a], impressionsPerArm);
            Map<String, Double> vs = new LinkedHashMap<>();
            if (rerankedBaseline >= 0 && a != rerankedBaseline && arms.get(a).name().endsWith(RERANKED)) {
                vs.put(PRETRAINED_RERANKED, ProportionTest.compare(clicks[rerankedBaseline], impressionsPerArm,
                        clicks[a], impressionsPerArm).pValue());
            }
            boolean baseline = a == pretrained;
            results.add(new ArmResult(arms.get(a).name(), impressionsPerArm, clicks[a], (double) clicks[a] / impressionsPerArm,
                    meanTrue[a], baseline ? 0 : t.lift(), baseline ? null : List.of(t.ciLow(), t.ciHigh()),
                    baseline ? null : t.pValue(), vs.isEmpty() ? null : vs, match[a], arms.get(a).wellFormedRate(),
                    arms.get(a).distinctPerProduct(), arms.get(a).topDescriptionShare()));
        }
        return results;
    }

    private static int indexOf(List<Arm> arms, String name) {
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Exact binomial draw by counting Bernoulli trials; impressions per creative are thousands, so this is cheap. */
    static long binomial(long n, double p, SplittableRandom random) {
        long k = 0;
        for (long i = 0; i < n; i++) {
            k += random.nextDouble() < p ? 1 : 0;
        }
        return k;
    }
}

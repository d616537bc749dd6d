package dev.caig.runtime.eval;

import dev.caig.runtime.market.SimulatedMarket;
import dev.caig.runtime.stage.TrainingData;
import dev.caig.runtime.text.DescriptionGenerator;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The arm {@code universal}: the one description with the best mean true CTR over the held-out products, picked by
 * the market's oracle among random descriptions, shown for every product. It is the ceiling of any policy that
 * ignores the product: a policy above it has learnt what suits each product, not one good style.
 */
final class UniversalArm {
    static final String NAME = "universal";

    private UniversalArm() {
    }

    /**
     * The arm, the description it shows and its mean true CTR over the held-out products, and the mean over those
     * products of each one's own best true CTR among the same candidates: how much descriptions tailored to each
     * product can gain over the one best description on this market (the product-centric headroom).
     */
    record Result(Arm arm, String description, double meanTrueCtr, double perProductBestMeanTrueCtr) {
    }

    static Result pick(List<TrainingData.Product> heldOut, SimulatedMarket market, PolicyArms.Render render,
                       int candidates, int samples, long seed) {
        DescriptionGenerator generator = new DescriptionGenerator(seed * 977 + 13);
        String best = null;
        double bestMean = -1;
        double[] perProductBest = new double[heldOut.size()];
        for (int c = 0; c < candidates; c++) {
            String d = generator.next();
            double mean = 0;
            for (int k = 0; k < heldOut.size(); k++) {
                TrainingData.Product p = heldOut.get(k);
                double ctr = market.oracle().trueCtr(market.product(p.id()), d, render.ad(p, d));
                mean += ctr / heldOut.size();
                perProductBest[k] = Math.max(perProductBest[k], ctr);
            }
            if (mean > bestMean) {
                bestMean = mean;
                best = d;
            }
        }
        List<Arm.Creative> creatives = new ArrayList<>();
        for (TrainingData.Product p : heldOut) {
            BufferedImage ad = render.ad(p, best);
            for (int s = 0; s < samples; s++) {
                creatives.add(new Arm.Creative(p.id(), best, ad));
            }
        }
        return new Result(new Arm(NAME, creatives), best, bestMean,
                java.util.Arrays.stream(perProductBest).average().orElse(Double.NaN));
    }
}

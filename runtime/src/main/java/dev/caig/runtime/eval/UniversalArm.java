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

    /** The arm, and the description it shows. */
    record Result(Arm arm, String description, double meanTrueCtr) {
    }

    static Result pick(List<TrainingData.Product> heldOut, SimulatedMarket market, PolicyArms.Render render,
                       int candidates, int samples, long seed) {
        DescriptionGenerator generator = new DescriptionGenerator(seed * 977 + 13);
        String best = null;
        double bestMean = -1;
        for (int c = 0; c < candidates; c++) {
            String d = generator.next();
            double mean = 0;
            for (TrainingData.Product p : heldOut) {
                mean += market.oracle().trueCtr(market.product(p.id()), d, render.ad(p, d)) / heldOut.size();
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
        return new Result(new Arm(NAME, creatives), best, bestMean);
    }
}

package dev.caig.runtime.eval;

import dev.caig.runtime.market.SimulatedMarket;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.stage.TrainingData;
import dev.caig.runtime.text.DescriptionGenerator;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arm {@code universal}: the one description with the best mean true CTR over the held-out products, picked by
 * the market's oracle among random descriptions, shown for every product: the best any policy that ignores the
 * product does among these candidates. A policy can still pass it with one style better than all of them, so a lift
 * above it shows tailoring only where the arm's descriptions also differ by product ({@link Arm#topDescriptionShare}).
 */
final class UniversalArm {
    static final String NAME = "universal";

    private UniversalArm() {
    }

    /**
     * The arm, the description it shows and its mean true CTR over the held-out products, and the mean over those
     * products of each one's own best true CTR among the same candidates: how much descriptions tailored to each
     * product can gain over the one best description on this market (the product-centric headroom).
     *
     * <p>And the same candidates as the reward model chooses them, in true CTR: its pick per product (the best a
     * policy that fully learnt the reward model's per-product taste could show, among these candidates) and the one
     * description with its best mean score (what it learnt of shared taste). Against {@code universal} and the
     * per-product best, they say whether the reward model or the policy limits PCPO.
     */
    record Result(Arm arm, String description, int candidates, double meanTrueCtr, double perProductBestMeanTrueCtr,
                  double rewardModelPickMeanTrueCtr, double rewardModelUniversalMeanTrueCtr) {

        /** report.json's {@code productCentricHeadroom}: the candidates as the oracle and the reward model choose. */
        Map<String, Object> headroom() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("candidates", candidates);
            out.put("universalMeanTrueCtr", meanTrueCtr);
            out.put("perProductBestMeanTrueCtr", perProductBestMeanTrueCtr);
            out.put("rewardModelPickMeanTrueCtr", rewardModelPickMeanTrueCtr);
            out.put("rewardModelUniversalMeanTrueCtr", rewardModelUniversalMeanTrueCtr);
            return out;
        }
    }

    static Result pick(List<TrainingData.Product> heldOut, SimulatedMarket market, PolicyArms.Render render,
                       int candidates, int samples, long seed, RewardModel rewardModel) {
        DescriptionGenerator generator = new DescriptionGenerator(seed * 977 + 13);
        List<String> titles = heldOut.stream().map(TrainingData.Product::title).toList();
        String best = null;
        List<BufferedImage> bestAds = List.of();
        double bestMean = -1;
        double[] perProductBest = new double[heldOut.size()];
        double[] pickScore = new double[heldOut.size()];
        double[] pickCtr = new double[heldOut.size()];
        Arrays.fill(pickScore, Double.NEGATIVE_INFINITY);
        double bestMeanScore = Double.NEGATIVE_INFINITY;
        double rewardUniversalCtr = 0;
        for (int c = 0; c < candidates; c++) {
            String d = generator.next();
            double mean = 0;
            List<BufferedImage> ads = new ArrayList<>();
            double[] ctr = new double[heldOut.size()];
            for (int k = 0; k < heldOut.size(); k++) {
                TrainingData.Product p = heldOut.get(k);
                BufferedImage ad = render.ad(p, d);
                ctr[k] = market.oracle().trueCtr(market.product(p.id()), d, ad);
                mean += ctr[k] / heldOut.size();
                perProductBest[k] = Math.max(perProductBest[k], ctr[k]);
                ads.add(ad);
            }
            if (mean > bestMean) {
                bestMean = mean;
                best = d;
                bestAds = ads; // the arm shows these: one render per product and candidate, none again
            }
            float[] scores = rewardModel.scores(ads, titles);
            double meanScore = 0;
            for (int k = 0; k < heldOut.size(); k++) {
                meanScore += scores[k] / (double) heldOut.size();
                if (scores[k] > pickScore[k]) {
                    pickScore[k] = scores[k];
                    pickCtr[k] = ctr[k];
                }
            }
            if (meanScore > bestMeanScore) {
                bestMeanScore = meanScore;
                rewardUniversalCtr = mean;
            }
        }
        List<Arm.Creative> creatives = new ArrayList<>();
        for (int k = 0; k < heldOut.size(); k++) {
            for (int s = 0; s < samples; s++) {
                creatives.add(new Arm.Creative(heldOut.get(k).id(), best, bestAds.get(k)));
            }
        }
        return new Result(new Arm(NAME, creatives), best, candidates, bestMean,
                Arrays.stream(perProductBest).average().orElse(Double.NaN),
                Arrays.stream(pickCtr).average().orElse(Double.NaN), rewardUniversalCtr);
    }
}

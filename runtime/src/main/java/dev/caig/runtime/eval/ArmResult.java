package dev.caig.runtime.eval;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * One arm of the simulated A/B test (the keys scripts read in report.json).
 *
 * @param name               random, universal, pretrained, dpo, pcpo, best-of-n, the *-reranked arms or oracle
 * @param liftVsPretrained   relative CTR lift over the pre-trained arm (0 for that arm)
 * @param ci95               95 % confidence interval of the lift from click noise only (null for the pre-trained arm)
 * @param pValue             two-proportion z-test against the pre-trained arm (null for that arm)
 * @param pValueVs           the same test against other arms by name: a reranked arm against pretrained-reranked
 * @param matchRate          share of the arm's scenes the market deems suitable for the product's category
 * @param wellFormedRate     share of the arm's descriptions a person reads as clean ({@code isWellFormed})
 * @param distinctPerProduct mean number of distinct descriptions among one product's creatives
 * @param topDescriptionShare share of the arm's creatives, over all products, showing its most frequent description
 *                           (1: one description for every product)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ArmResult(String name, long impressions, long clicks, double ctr, double meanTrueCtr,
                        double liftVsPretrained, List<Double> ci95, Double pValue, Map<String, Double> pValueVs,
                        double matchRate, double wellFormedRate, double distinctPerProduct, double topDescriptionShare) {
}

package dev.caig.runtime.eval;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One arm of the simulated A/B test (the keys scripts read in report.json).
 *
 * @param name             random, pretrained, dpo, pcpo or oracle
 * @param liftVsPretrained relative CTR lift over the pre-trained arm (0 for that arm)
 * @param ci95             95 % confidence interval of the lift
 * @param pValue           two-proportion z-test against the pre-trained arm
 * @param matchRate        share of the arm's scenes the market deems suitable for the product's category
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ArmResult(String name, long impressions, long clicks, double ctr, double meanTrueCtr,
                        double liftVsPretrained, List<Double> ci95, double pValue, double matchRate) {
}

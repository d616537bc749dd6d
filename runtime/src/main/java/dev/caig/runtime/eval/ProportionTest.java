package dev.caig.runtime.eval;

/**
 * Comparison of two click-through rates as an A/B test reports it: relative lift of B over A with a 95 %
 * confidence interval (delta method on the log of the CTR ratio) and the two-sided p-value of the
 * two-proportion z-test.
 */
public record ProportionTest(double lift, double ciLow, double ciHigh, double pValue) {

    public static ProportionTest compare(long clicksA, long impressionsA, long clicksB, long impressionsB) {
        double pA = (double) clicksA / impressionsA;
        double pB = (double) clicksB / impressionsB;
        if (clicksA == 0 || clicksB == 0) {
            return new ProportionTest(pA == 0 ? Double.NaN : pB / pA - 1, Double.NaN, Double.NaN, Double.NaN);
        }
        double logRatio = Math.log(pB / pA);
        double se = Math.sqrt((1 - pA) / (impressionsA * pA) + (1 - pB) / (impressionsB * pB));
        double pooled = (double) (clicksA + clicksB) / (impressionsA + impressionsB);
        double z = (pB - pA) / Math.sqrt(pooled * (1 - pooled) * (1.0 / impressionsA + 1.0 / impressionsB));
        return new ProportionTest(pB / pA - 1, Math.exp(logRatio - 1.96 * se) - 1, Math.exp(logRatio + 1.96 * se) - 1,
                2 * (1 - normalCdf(Math.abs(z))));
    }

    /** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf approximation, error below 1.5e-7). */
    static double normalCdf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.sqrt(2));
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-x * x / 2);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}

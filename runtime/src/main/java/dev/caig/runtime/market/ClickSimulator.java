package dev.caig.runtime.market;

import java.util.SplittableRandom;

/** How often a creative was shown and clicked: heavy-tailed impressions, binomial clicks. */
final class ClickSimulator {

    /** Median impressions of a creative. */
    static final double MEDIAN_IMPRESSIONS = 1500;
    /** Log-normal sigma: about 40 % of creatives under 1,000 impressions, a few near 100,000. */
    static final double SIGMA = 1.3;
    static final long MIN_IMPRESSIONS = 20;
    static final long MAX_IMPRESSIONS = 300_000;

    private ClickSimulator() {
    }

    static long impressions(SplittableRandom r) {
        double n = MEDIAN_IMPRESSIONS * Math.exp(SIGMA * CtrOracle.gaussian(r));
        return Math.max(MIN_IMPRESSIONS, Math.min(MAX_IMPRESSIONS, Math.round(n)));
    }

    /** An exact Binomial(n, p) draw by skipping geometric gaps between clicks: cost grows with clicks, not n. */
    static long clicks(long n, double p, SplittableRandom r) {
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        double logQ = Math.log1p(-p);
        long clicks = 0;
        long position = 0;
        while (true) {
            position += (long) Math.floor(Math.log(1 - r.nextDouble()) / logQ) + 1;
            if (position > n) {
                return clicks;
            }
            clicks++;
        }
    }
}

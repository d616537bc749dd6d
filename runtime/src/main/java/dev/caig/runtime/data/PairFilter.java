package dev.caig.runtime.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's reward-pair filter. A creative counts only with more than {@code minImpressions} impressions (its CTR
 * is too noisy otherwise); a product needs at least two such creatives; a pair is two of them, both with CTR > 0,
 * whose CTR ratio (higher over lower) lies in [{@code minRatio}, {@code maxRatio}]: different enough to be a
 * preference, close enough that the difference comes from the image rather than the product. Equal CTRs make no pair.
 *
 * @param minImpressions creatives need strictly more impressions than this (paper: 1000)
 * @param minRatio       smallest CTR ratio, inclusive, >= 1 (paper: 1.05)
 * @param maxRatio       largest CTR ratio, inclusive (paper: 1.20)
 */
public record PairFilter(long minImpressions, double minRatio, double maxRatio) {

    public static final PairFilter PAPER = new PairFilter(1000, 1.05, 1.20);

    public PairFilter {
        if (minImpressions < 0) {
            throw new IllegalArgumentException("minImpressions must be >= 0, not " + minImpressions);
        }
        if (!(minRatio >= 1.0) || !(maxRatio >= minRatio)) {
            throw new IllegalArgumentException("need 1 <= minRatio <= maxRatio, not " + minRatio + ".." + maxRatio);
        }
    }

    public static PairFilter defaults() {
        return PAPER;
    }

    public PairFilter withMinImpressions(long n) {
        return new PairFilter(n, minRatio, maxRatio);
    }

    public PairFilter withRatio(double min, double max) {
        return new PairFilter(minImpressions, min, max);
    }

    /** Whether a creative has enough impressions to be trusted. */
    public boolean survives(Creative c) {
        return c.impressions() > minImpressions;
    }

    /** All pairs of the log, product by product in file order, each pair in creative order. */
    public List<RewardPair> pairs(ClickLog log) {
        return pairs(log.byProduct());
    }

    public List<RewardPair> pairs(Map<String, List<Creative>> byProduct) {
        List<RewardPair> out = new ArrayList<>();
        byProduct.forEach((productId, creatives) -> out.addAll(pairsOf(productId, creatives)));
        return out;
    }

    /** The pairs of one product's creatives. */
    public List<RewardPair> pairsOf(String productId, List<Creative> creatives) {
        List<Creative> kept = creatives.stream().filter(this::survives).toList();
        List<RewardPair> out = new ArrayList<>();
        if (kept.size() < 2) {
            return out;
        }
        for (int i = 0; i < kept.size(); i++) {
            for (int j = i + 1; j < kept.size(); j++) {
                Creative a = kept.get(i);
                Creative b = kept.get(j);
                if (a.ctr() <= 0 || b.ctr() <= 0 || a.ctr() == b.ctr()) {
                    continue;
                }
                Creative hi = a.ctr() > b.ctr() ? a : b;
                Creative lo = hi == a ? b : a;
                double ratio = hi.ctr() / lo.ctr();
                if (ratio >= minRatio && ratio <= maxRatio) {
                    out.add(new RewardPair(productId, hi, lo));
                }
            }
        }
        return out;
    }

    /** {@code impressions > 1000, CTR ratio 1.05-1.20}. */
    public String describe() {
        return String.format(Locale.ROOT, "impressions > %d, CTR ratio %.2f-%.2f", minImpressions, minRatio, maxRatio);
    }
}

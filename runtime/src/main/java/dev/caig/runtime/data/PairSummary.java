package dev.caig.runtime.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a click log gives for reward training under one filter.
 *
 * @param filter               the thresholds used
 * @param products             products in the log
 * @param creatives            creatives in the log
 * @param totalImpressions     impressions over all creatives
 * @param survivingCreatives   creatives with enough impressions
 * @param productsWithPairs    products that yield at least one pair
 * @param pairs                surviving pairs
 * @param pairsPerProduct      number of pairs -> how many products have that many (products without pairs included)
 */
public record PairSummary(PairFilter filter, int products, int creatives, long totalImpressions, int survivingCreatives,
                          int productsWithPairs, int pairs, SortedMap<Integer, Integer> pairsPerProduct) {

    public static PairSummary of(ClickLog log, PairFilter filter) {
        int surviving = 0;
        int withPairs = 0;
        int pairs = 0;
        SortedMap<Integer, Integer> histogram = new TreeMap<>();
        for (Map.Entry<String, List<Creative>> product : log.byProduct().entrySet()) {
            surviving += (int) product.getValue().stream().filter(filter::survives).count();
            int n = filter.pairsOf(product.getKey(), product.getValue()).size();
            pairs += n;
            withPairs += n > 0 ? 1 : 0;
            histogram.merge(n, 1, Integer::sum);
        }
        return new PairSummary(filter, log.productCount(), log.creativeCount(), log.totalImpressions(), surviving,
                withPairs, pairs, histogram);
    }

    /** Median pairs per product over the products that have any; 0 when none has. */
    public double medianPairsPerProductWithPairs() {
        List<Integer> counts = new ArrayList<>();
        pairsPerProduct.forEach((pairsOfProduct, productCount) -> {
            if (pairsOfProduct > 0) {
                for (int i = 0; i < productCount; i++) {
                    counts.add(pairsOfProduct);
                }
            }
        });
        if (counts.isEmpty()) {
            return 0;
        }
        int mid = counts.size() / 2;
        return counts.size() % 2 == 1 ? counts.get(mid) : (counts.get(mid - 1) + counts.get(mid)) / 2.0;
    }

    /** A few lines for people: the counts, then the distribution of pairs over products. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d products, %d creatives, %,d impressions%n", products, creatives,
                totalImpressions));
        out.append(String.format(Locale.ROOT, "%d creatives with %s; %d reward pairs (%s) from %d products%n",
                survivingCreatives, "impressions > " + filter.minImpressions(), pairs, filter.describe(), productsWithPairs));
        if (pairs > 0) {
            int max = pairsPerProduct.lastKey();
            out.append(String.format(Locale.ROOT, "pairs per product (products with pairs): median %.1f, max %d%n",
                    medianPairsPerProductWithPairs(), max));
        }
        StringBuilder histogram = new StringBuilder("products by number of pairs:");
        pairsPerProduct.forEach((n, count) -> histogram.append(' ').append(n).append('=').append(count));
        out.append(histogram);
        return out.toString();
    }
}

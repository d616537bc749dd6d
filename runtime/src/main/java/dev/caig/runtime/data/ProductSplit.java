package dev.caig.runtime.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A deterministic split of product ids into training and held-out products. Every stage computes the same split
 * from (ids, fraction, seed), so held-out products are never seen by pre-training, the reward model or PCPO, and
 * evaluation measures generalisation to new products.
 */
public record ProductSplit(Set<String> training, Set<String> heldOut) {

    public static ProductSplit of(Collection<String> productIds, double heldOutFraction, long seed) {
        List<String> ids = new ArrayList<>(new TreeSet<>(productIds));
        Collections.shuffle(ids, new Random(seed));
        int heldOut = (int) Math.round(ids.size() * heldOutFraction);
        if (heldOutFraction > 0 && ids.size() >= 2) {
            heldOut = Math.max(1, Math.min(ids.size() - 1, heldOut));
        }
        return new ProductSplit(Collections.unmodifiableSet(new TreeSet<>(ids.subList(heldOut, ids.size()))),
                Collections.unmodifiableSet(new TreeSet<>(ids.subList(0, heldOut))));
    }
}

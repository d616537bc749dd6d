package dev.caig.runtime.data;

import dev.caig.runtime.CaigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Turns a click log into reward-model examples, and says what to do when it gives too few. */
public final class RewardPairs {

    private RewardPairs() {
    }

    /**
     * Places the better creative of each pair on the right with probability 0.5 (seeded), so a model cannot learn a
     * side; label 0 = left better, 1 = right better.
     */
    public static List<LabeledPair> label(List<RewardPair> pairs, long seed) {
        Random random = new Random(seed);
        List<LabeledPair> out = new ArrayList<>(pairs.size());
        for (RewardPair pair : pairs) {
            out.add(LabeledPair.of(pair, random.nextBoolean()));
        }
        return out;
    }

    /**
     * The pairs of the log under {@code filter}; when there are fewer than {@code needed}, a {@link CaigException}
     * that says how many there are, how many are needed and what relaxed thresholds would give.
     */
    public static List<RewardPair> requireEnough(ClickLog log, PairFilter filter, int needed) {
        List<RewardPair> pairs = filter.pairs(log);
        if (pairs.size() < needed) {
            throw new CaigException(tooFewMessage(log, filter, pairs.size(), needed));
        }
        return pairs;
    }

    /** The advice part, also shown by {@code caig data validate}. */
    public static String tooFewMessage(ClickLog log, PairFilter filter, int have, int needed) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%s: only %d reward pairs survive the filters (%s); at least %d are needed to train a reward model. "
                        + "Relaxed thresholds would give:", log.file(), have, filter.describe(), needed));
        for (PairFilter relaxed : relaxations(filter)) {
            out.append(String.format(Locale.ROOT, " %s: %d;", relaxed.describe(), relaxed.pairs(log).size()));
        }
        out.setLength(out.length() - 1);
        out.append(". Set the thresholds in the pipeline config or with --set (reward.minImpressions, reward.minCtrRatio,"
                + " reward.maxCtrRatio; reward.minPairs is the minimum), or collect more impressions per creative.");
        return out.toString();
    }

    /** Half the impressions threshold; a wider ratio band (1.02-1.50); both. */
    static List<PairFilter> relaxations(PairFilter filter) {
        PairFilter fewerImpressions = filter.withMinImpressions(filter.minImpressions() / 2);
        PairFilter widerRatio = filter.withRatio(Math.min(filter.minRatio(), 1.02), Math.max(filter.maxRatio(), 1.50));
        PairFilter both = fewerImpressions.withRatio(widerRatio.minRatio(), widerRatio.maxRatio());
        return List.of(fewerImpressions, widerRatio, both);
    }
}

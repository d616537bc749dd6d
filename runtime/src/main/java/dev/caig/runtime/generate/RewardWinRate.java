package dev.caig.runtime.generate;

import dev.caig.runtime.model.RewardModel;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * How often the reward model prefers one policy's ads to a baseline's, slot by slot: the report's
 * {@code rewardWinRate} and the choice among PCPO restarts, one definition so that what chooses is what is reported.
 */
public final class RewardWinRate {
    private RewardWinRate() {
    }

    /**
     * The share of slots whose candidate ad the reward model prefers to the baseline's ad of the same slot, each pair
     * side by side [candidate | baseline]; a slot where both policies wrote the same description counts half.
     */
    public static double of(RewardModel rewardModel, List<BufferedImage> ads, List<String> descriptions,
                            List<BufferedImage> baselineAds, List<String> baselineDescriptions, List<String> titles) {
        int[] decisions = rewardModel.prefer(ads, baselineAds, titles);
        double wins = 0;
        for (int i = 0; i < decisions.length; i++) {
            wins += descriptions.get(i).equals(baselineDescriptions.get(i)) ? 0.5 : decisions[i] == 0 ? 1 : 0;
        }
        return wins / decisions.length;
    }
}

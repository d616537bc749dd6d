package dev.caig.runtime.stage;

import dev.caig.runtime.generate.PolicySamples;
import dev.caig.runtime.generate.RewardWinRate;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.SamplingOptions;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Chooses among policies fine-tuned from the same pre-trained one (PCPO restarts) by the reward model's verdict over
 * many products: for each selection product and slot, a candidate's ad and the pre-trained policy's ad from the same
 * sampling seed go side by side into the reward model; the candidate's win rate is the share it wins (a tie, the
 * same description, counts half). One pair decision is right about 6 times in 10 on this project's market, but the
 * verdict over a hundred pairs separates a policy that moved towards what sells from one that moved sideways. The
 * selection products must be ones no candidate and not the reward model trained on.
 */
final class RestartSelection {
    /** Samples per product and policy: 15 products give 120 pair decisions, a win rate within about ±0.07. */
    static final int SAMPLES_PER_PRODUCT = 8;

    private final List<TrainingData.Product> products;
    private final RewardModel rewardModel;
    private final BiFunction<TrainingData.Product, String, BufferedImage> render;
    private final SamplingOptions options;
    private final long seed;
    private final List<String> baseline;
    private final List<BufferedImage> baselineAds;
    /** Each slot's product title, in slot order. */
    private final List<String> titles;

    /**
     * @param pretrained the policy every candidate started from, drawn once here
     * @param render     the frozen renderer: the ad of a product with a description
     */
    RestartSelection(List<TrainingData.Product> products, PromptModel pretrained, RewardModel rewardModel,
                     BiFunction<TrainingData.Product, String, BufferedImage> render, SamplingOptions options, long seed) {
        this.products = List.copyOf(products);
        this.rewardModel = rewardModel;
        this.render = render;
        this.options = options;
        this.seed = seed;
        this.baseline = draw(pretrained);
        this.baselineAds = ads(baseline);
        this.titles = slotTitles(this.products);
    }

    /** How many products the choice is made on. */
    int products() {
        return products.size();
    }

    /** The share of pair decisions the candidate wins against the pre-trained policy ({@link RewardWinRate}). */
    double winRate(PromptModel candidate) {
        List<String> descriptions = draw(candidate);
        return RewardWinRate.of(rewardModel, ads(descriptions), descriptions, baselineAds, baseline, titles);
    }

    /**
     * Index of the highest win rate; the earlier (lower-numbered) restart wins a tie; NaN (a restart that collapsed)
     * never wins. -1 when every restart collapsed.
     */
    static int best(List<Double> winRates) {
        int best = -1;
        for (int i = 0; i < winRates.size(); i++) {
            if (!Double.isNaN(winRates.get(i)) && (best < 0 || winRates.get(i) > winRates.get(best))) {
                best = i;
            }
        }
        return best;
    }

    private List<String> draw(PromptModel policy) {
        return PolicySamples.draw(policy, products.stream().map(TrainingData.Product::image).toList(),
                products.stream().map(TrainingData.Product::title).toList(), SAMPLES_PER_PRODUCT, options, seed);
    }

    private List<BufferedImage> ads(List<String> descriptions) {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < descriptions.size(); i++) {
            out.add(render.apply(products.get(i / SAMPLES_PER_PRODUCT), descriptions.get(i)));
        }
        return out;
    }

    private static List<String> slotTitles(List<TrainingData.Product> products) {
        List<String> out = new ArrayList<>();
        for (TrainingData.Product p : products) {
            for (int j = 0; j < SAMPLES_PER_PRODUCT; j++) {
                out.add(p.title());
            }
        }
        return out;
    }
}

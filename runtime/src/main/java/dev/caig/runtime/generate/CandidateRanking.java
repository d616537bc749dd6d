package dev.caig.runtime.generate;

import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.SamplingOptions;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How candidates are sampled and ranked wherever a policy's best-of-N ad is shown: the evaluation's reranked arms,
 * {@code caig generate} and {@code caig serve}. One place, so that what is served is what was measured: temperature 1
 * at the policy's top-p under the description grammar when the policy was trained with it, and the reward model's
 * score of each rendered ad for the product's title, best first.
 */
public final class CandidateRanking {
    /** Candidates are sampled at temperature 1: the reranking picks among them, so they must differ. */
    public static final double TEMPERATURE = 1.0;

    private CandidateRanking() {
    }

    /**
     * @param topP                the policy's top-p (pipeline config promptModel.topP)
     * @param maxAnswerTokens     longest description
     * @param describeBackgrounds sample under the description grammar (promptModel.describeBackgrounds)
     */
    public static SamplingOptions sampling(double topP, int maxAnswerTokens, boolean describeBackgrounds) {
        SamplingOptions options = new SamplingOptions(TEMPERATURE, topP, maxAnswerTokens);
        return describeBackgrounds ? options.describingBackgrounds() : options;
    }

    /** The reward model's score of each candidate ad of one product; a model that reads no titles ignores the title. */
    public static float[] scores(RewardModel reward, List<BufferedImage> ads, String title) {
        return reward.scores(ads, Collections.nCopies(ads.size(), title));
    }

    /** Candidate indexes, best first: the highest score first, and the earlier sample first on a tie. */
    public static int[] bestFirst(float[] scores) {
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }
}

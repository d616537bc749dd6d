package dev.caig.runtime.data;

/**
 * A reward-model training example: two creatives side by side and which one is better.
 *
 * @param productId the product both creatives show
 * @param left      the creative on the left
 * @param right     the creative on the right
 * @param label     {@link #LEFT_BETTER} (0) or {@link #RIGHT_BETTER} (1)
 */
public record LabeledPair(String productId, Creative left, Creative right, int label) {

    public static final int LEFT_BETTER = 0;
    public static final int RIGHT_BETTER = 1;

    public LabeledPair {
        if (label != LEFT_BETTER && label != RIGHT_BETTER) {
            throw new IllegalArgumentException("label must be 0 (left better) or 1 (right better), not " + label);
        }
    }

    /** The pair with {@code better} on the given side. */
    public static LabeledPair of(RewardPair pair, boolean betterOnRight) {
        return betterOnRight
                ? new LabeledPair(pair.productId(), pair.worse(), pair.better(), RIGHT_BETTER)
                : new LabeledPair(pair.productId(), pair.better(), pair.worse(), LEFT_BETTER);
    }

    /** The same example with the sides exchanged: the label flips. */
    public LabeledPair swapped() {
        return new LabeledPair(productId, right, left, 1 - label);
    }

    public Creative better() {
        return label == LEFT_BETTER ? left : right;
    }

    public Creative worse() {
        return label == LEFT_BETTER ? right : left;
    }
}

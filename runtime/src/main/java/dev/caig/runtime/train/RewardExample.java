package dev.caig.runtime.train;

/**
 * One reward-model training pair, by index into a table of creative images.
 *
 * @param left     image shown on the left
 * @param right    image shown on the right
 * @param label    0 when the left creative had the higher CTR, 1 when the right one had
 * @param ctrLeft  observed CTR of the left creative (raw, e.g. 0.012)
 * @param ctrRight observed CTR of the right creative
 * @param title    the product's title (both creatives show the same product)
 */
public record RewardExample(int left, int right, int label, float ctrLeft, float ctrRight, String title) {
    /** The same pair with the sides swapped: the label flips. */
    public RewardExample swapped() {
        return new RewardExample(right, left, 1 - label, ctrRight, ctrLeft, title);
    }
}

package dev.caig.runtime.train;

import java.util.List;

/**
 * The trusted creatives of one product for the reward model's auxiliary pointwise loss, by index into a table of
 * creative images.
 *
 * @param images  the creatives' images
 * @param targets each creative's log CTR minus its product's mean log CTR (so they sum to zero)
 * @param title   the product's title
 */
public record RewardGroup(List<Integer> images, float[] targets, String title) {
    public RewardGroup {
        images = List.copyOf(images);
        targets = targets.clone();
        if (images.size() != targets.length || images.size() < 2) {
            throw new IllegalArgumentException("a reward group needs at least 2 images, one target each; got "
                    + images.size() + " images and " + targets.length + " targets");
        }
    }
}

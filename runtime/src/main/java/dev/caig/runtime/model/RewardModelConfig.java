package dev.caig.runtime.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Architecture of the reward model, stored next to its weights.
 *
 * @param imageSize side of each half of the side-by-side pair image, in pixels
 * @param channels  width of the first convolution; each of the 4 stages doubles it up to 4x
 * @param hidden    width of the feature layer before the heads
 */
public record RewardModelConfig(
        @JsonProperty("imageSize") int imageSize,
        @JsonProperty("channels") int channels,
        @JsonProperty("hidden") int hidden) {
}

package dev.caig.runtime.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Architecture of the reward model, stored next to its weights.
 *
 * @param imageSize      side of each half of the side-by-side pair image, in pixels (a multiple of 16)
 * @param channels       width of the first patch convolution; the stages widen it up to 4x
 * @param hidden         width of the feature layer before the heads
 * @param titleWords     vocabulary of product-title words (empty: the model reads images only); words outside it
 *                       are ignored
 * @param titleDim       width of the title embedding
 * @param pooling        how the trunk's grid of patch features becomes one vector: {@code flatten} keeps every cell
 *                       (models saved before this field existed), {@code regions} averages the centre cells (the
 *                       product) and the border cells (the background) separately: far fewer weights, so the model
 *                       learns what a scene does for a kind of product instead of memorising training creatives
 * @param sceneValues    outputs of the scene head, which names the background's slot values in one image (0: no
 *                       head, models saved before this field existed); trained on the frozen renderer's own ads, it
 *                       teaches the trunk to see the background before the noisy clicks teach what sells
 * @param trunk          the convolutions that read each half: {@code patch} (models saved before this field existed)
 *                       cuts the image into non-overlapping patches, so a cell never sees across its edges;
 *                       {@code conv} is four 3x3 convolutions of stride 2, whose cells overlap their neighbours, so
 *                       edges, textures and props that straddle patch borders are seen whole
 */
public record RewardModelConfig(
        @JsonProperty("imageSize") int imageSize,
        @JsonProperty("channels") int channels,
        @JsonProperty("hidden") int hidden,
        @JsonProperty("titleWords") List<String> titleWords,
        @JsonProperty("titleDim") int titleDim,
        @JsonProperty("pooling") String pooling,
        @JsonProperty("sceneValues") int sceneValues,
        @JsonProperty("trunk") String trunk) {
    public static final String FLATTEN = "flatten";
    public static final String REGIONS = "regions";
    public static final String PATCH_TRUNK = "patch";
    public static final String CONV_TRUNK = "conv";
    /** Every trunk a reward model can have. */
    public static final List<String> TRUNKS = List.of(PATCH_TRUNK, CONV_TRUNK);

    public RewardModelConfig {
        titleWords = titleWords == null ? List.of() : List.copyOf(titleWords);
        pooling = pooling == null ? FLATTEN : pooling;
        if (!pooling.equals(FLATTEN) && !pooling.equals(REGIONS)) {
            throw new IllegalArgumentException("reward model pooling must be " + FLATTEN + " or " + REGIONS + ", not " + pooling);
        }
        trunk = trunk == null ? PATCH_TRUNK : trunk;
        if (!TRUNKS.contains(trunk)) {
            throw new IllegalArgumentException("reward model trunk must be " + PATCH_TRUNK + " or " + CONV_TRUNK + ", not " + trunk);
        }
        if (sceneValues < 0) {
            throw new IllegalArgumentException("reward model sceneValues must be at least 0, got " + sceneValues);
        }
    }

    /** A reward model without a scene head. */
    public RewardModelConfig(int imageSize, int channels, int hidden, List<String> titleWords, int titleDim, String pooling) {
        this(imageSize, channels, hidden, titleWords, titleDim, pooling, 0, PATCH_TRUNK);
    }

    /** An image-only reward model (the paper's input: the pair image alone) with region pooling. */
    public RewardModelConfig(int imageSize, int channels, int hidden) {
        this(imageSize, channels, hidden, List.of(), 0, REGIONS);
    }

    public boolean readsTitles() {
        return !titleWords.isEmpty() && titleDim > 0;
    }

    /** Title token id per word: 0 is padding, word i of {@link #titleWords()} is i + 1. */
    public int titleVocabularySize() {
        return titleWords.size() + 1;
    }
}

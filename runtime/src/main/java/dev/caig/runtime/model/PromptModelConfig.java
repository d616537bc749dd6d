package dev.caig.runtime.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Architecture of the prompt model, stored next to its weights: a model reloads only into a block built with
 * exactly these values.
 *
 * @param vocabSize  tokens in the vocabulary
 * @param imageSize  side of the square product image the model sees, in pixels
 * @param patchSize  side of one image patch; (imageSize / patchSize)^2 image tokens are spliced in
 * @param embedDim   width of the image encoder, projector and decoder
 * @param layers     decoder layers (the image encoder has one)
 * @param heads      attention heads
 * @param maxSeqLen  longest token sequence (instruction + image tokens + answer)
 */
public record PromptModelConfig(
        @JsonProperty("vocabSize") int vocabSize,
        @JsonProperty("imageSize") int imageSize,
        @JsonProperty("patchSize") int patchSize,
        @JsonProperty("embedDim") int embedDim,
        @JsonProperty("layers") int layers,
        @JsonProperty("heads") int heads,
        @JsonProperty("maxSeqLen") int maxSeqLen) {

    public PromptModelConfig {
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("imageSize " + imageSize + " is not a multiple of patchSize " + patchSize);
        }
        if (embedDim % heads != 0) {
            throw new IllegalArgumentException("embedDim " + embedDim + " is not a multiple of heads " + heads);
        }
    }

    public int imageTokens() {
        int side = imageSize / patchSize;
        return side * side;
    }

    public PromptModelConfig withVocabSize(int size) {
        return new PromptModelConfig(size, imageSize, patchSize, embedDim, layers, heads, maxSeqLen);
    }
}

package dev.caig.runtime.train;

/**
 * One PCPO training example: the RM's chosen and rejected descriptions for a product, and the product-centric
 * "noise" triple (y~, I~, x~) the chosen answer is contrasted with.
 *
 * @param image            the product image (CHW, 0..255) the policy saw
 * @param instruction      the instruction x (with the product title)
 * @param chosen           y_w, the description whose render the reward model preferred
 * @param rejected         y_l
 * @param noiseImage       I~: the masked image, or the product image itself for a random caption
 * @param noiseInstruction x~: the same instruction, or another product's
 * @param noiseAnswer      y~: the chosen answer, or another product's chosen answer
 */
public record PreferencePair(float[] image, String instruction, String chosen, String rejected,
                             float[] noiseImage, String noiseInstruction, String noiseAnswer) {
}

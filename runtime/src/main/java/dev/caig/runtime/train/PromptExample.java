package dev.caig.runtime.train;

/**
 * One supervised example of the prompt model: image (CHW, 0..255), instruction with {@code <image>}, answer.
 */
public record PromptExample(float[] image, String instruction, String answer) {
}

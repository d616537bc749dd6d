package dev.caig.runtime.train;

/**
 * One ad the frozen renderer drew from a known description, for the reward model's scene head: the image's index in
 * the trainer's image table and a multi-hot target over the description grammar's slot values.
 */
public record SceneExample(int image, float[] target) {
}

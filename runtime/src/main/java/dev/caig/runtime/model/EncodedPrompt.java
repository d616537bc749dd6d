package dev.caig.runtime.model;

/**
 * One token sequence ready for the prompt model.
 *
 * @param ids        token ids: {@code <bos>} instruction (with image placeholders) {@code <sep>} [answer {@code <eos>}]
 * @param slots      per position, the image token that fills it, or -1 for a text position
 * @param answerMask per position, 1 where the token belongs to the answer (the tokens the loss scores), else 0
 * @param promptLength number of tokens before the answer (generation continues from here)
 */
public record EncodedPrompt(int[] ids, int[] slots, int[] answerMask, int promptLength) {
    public int length() {
        return ids.length;
    }
}

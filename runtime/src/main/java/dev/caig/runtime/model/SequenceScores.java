package dev.caig.runtime.model;

import ai.djl.ndarray.NDArray;

/** Log-probabilities of token sequences from next-token logits. */
public final class SequenceScores {
    private SequenceScores() {
    }

    /**
     * Per-token log-probability of each actual next token, (B, T-1): position t's logits predict token t+1.
     */
    public static NDArray tokenLogProbs(NDArray logits, NDArray ids) {
        long length = ids.getShape().get(1);
        NDArray predicting = logits.get(":, 0:" + (length - 1) + ", :").logSoftmax(-1);
        NDArray targets = ids.get(":, 1:").expandDims(-1);
        return predicting.gather(targets, 2).squeeze(-1);
    }

    /** Summed log-probability of the answer tokens of each sequence, (B); answerMask marks them in ids. */
    public static NDArray answerLogProb(NDArray logits, NDArray ids, NDArray answerMask) {
        return tokenLogProbs(logits, ids).mul(answerMask.get(":, 1:")).sum(new int[] {1});
    }

    /** Mean negative log-likelihood per answer token over the batch: the pre-training loss. */
    public static NDArray answerCrossEntropy(NDArray logits, NDArray ids, NDArray answerMask) {
        NDArray mask = answerMask.get(":, 1:");
        return tokenLogProbs(logits, ids).mul(mask).sum().neg().div(mask.sum().maximum(1f));
    }
}

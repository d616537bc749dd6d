package dev.caig.runtime.train;

import ai.djl.ndarray.NDArray;

/**
 * The losses of METHOD.md section 4. Log-probabilities are summed over the response tokens; "ref" values come from
 * the frozen reference model and carry no gradient.
 */
public final class PreferenceLosses {
    private PreferenceLosses() {
    }

    /** {@code -log sigmoid(z)}, computed stably as {@code max(-z, 0) + log(1 + exp(-|z|))}. */
    public static NDArray negLogSigmoid(NDArray z) {
        return z.neg().maximum(0f).add(z.abs().neg().exp().add(1f).log());
    }

    /** z_dpo = [lp_pi(y_w) - lp_pi(y_l)] - [lp_ref(y_w) - lp_ref(y_l)]. */
    public static NDArray dpoMargin(NDArray policyChosen, NDArray policyRejected, NDArray refChosen, NDArray refRejected) {
        return policyChosen.sub(policyRejected).sub(refChosen.sub(refRejected));
    }

    /** L_dpo = -log sigmoid(beta * z_dpo), per pair. */
    public static NDArray dpo(NDArray margin, float beta) {
        return negLogSigmoid(margin.mul(beta));
    }

    /**
     * L_pc = weight * -log sigmoid(pcBeta * z_pc), with z_pc = [lp_pi(y_w|I,x) - lp_pi(y~|I~,x~)] -
     * [lp_ref(y_w|I,x) - lp_ref(y~|I~,x~)], per pair.
     */
    public static NDArray productCentric(NDArray policyChosen, NDArray policyNoise, NDArray refChosen, NDArray refNoise,
                                         float pcBeta, float weight) {
        NDArray margin = policyChosen.sub(policyNoise).sub(refChosen.sub(refNoise));
        return negLogSigmoid(margin.mul(pcBeta)).mul(weight);
    }

    /**
     * The anchor of iterative reasoning preference optimisation (RPO): weight * -lp_pi(y_w) / |y_w|, per pair, the
     * chosen response's mean per-token negative log-likelihood. DPO alone can raise the chosen/rejected margin by
     * pushing both down; this term keeps the chosen response likely, so larger steps stay on well-formed text.
     *
     * @param answerTokens |y_w|, the chosen response's token count (its end token included), per pair
     */
    public static NDArray chosenNll(NDArray policyChosen, NDArray answerTokens, float weight) {
        return policyChosen.neg().div(answerTokens).mul(weight);
    }
}

package dev.caig.runtime.model;

/**
 * How the prompt model picks each next token.
 *
 * @param temperature   0 for greedy decoding; otherwise logits are divided by it before sampling
 * @param topP          nucleus sampling: sample only from the smallest set of tokens whose probability reaches topP
 * @param maxNewTokens  longest answer
 * @param describeBackground constrain answers to well-formed background descriptions
 *                           ({@link dev.caig.runtime.text.DescriptionConstraint})
 */
public record SamplingOptions(double temperature, double topP, int maxNewTokens, boolean describeBackground) {
    /** Unconstrained sampling. */
    public SamplingOptions(double temperature, double topP, int maxNewTokens) {
        this(temperature, topP, maxNewTokens, false);
    }

    public SamplingOptions {
        if (temperature < 0 || topP <= 0 || topP > 1 || maxNewTokens < 1) {
            throw new IllegalArgumentException("temperature >= 0, 0 < topP <= 1 and maxNewTokens >= 1 are required");
        }
    }

    public static SamplingOptions greedy(int maxNewTokens) {
        return new SamplingOptions(0, 1, maxNewTokens);
    }

    /** The same options, constrained to well-formed background descriptions. */
    public SamplingOptions describingBackgrounds() {
        return new SamplingOptions(temperature, topP, maxNewTokens, true);
    }
}

package dev.caig.runtime.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/** Picks one token from a row of logits: greedy, or temperature + top-p sampling with a caller-owned random source. */
final class TokenSampler {
    private TokenSampler() {
    }

    static int pick(float[] logits, int offset, int vocab, SamplingOptions options, Random random) {
        if (options.temperature() == 0) {
            int best = 0;
            for (int v = 1; v < vocab; v++) {
                if (logits[offset + v] > logits[offset + best]) {
                    best = v;
                }
            }
            return best;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            max = Math.max(max, logits[offset + v]);
        }
        double[] probs = new double[vocab];
        double sum = 0;
        for (int v = 0; v < vocab; v++) {
            probs[v] = Math.exp((logits[offset + v] - max) / options.temperature());
            sum += probs[v];
        }
        for (int v = 0; v < vocab; v++) {
            probs[v] /= sum;
        }
        Integer[] order = IntStream.range(0, vocab).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer v) -> -probs[v]).thenComparingInt(v -> v));
        int keep = 0;
        double mass = 0;
        while (keep < vocab && (keep == 0 || mass < options.topP())) {
            mass += probs[order[keep++]];
        }
        double target = random.nextDouble() * mass;
        double cumulative = 0;
        for (int k = 0; k < keep; k++) {
            cumulative += probs[order[k]];
            if (target < cumulative) {
                return order[k];
            }
        }
        return order[keep - 1];
    }
}

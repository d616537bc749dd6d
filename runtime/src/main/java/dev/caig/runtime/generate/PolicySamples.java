package dev.caig.runtime.generate;

import dev.caig.runtime.model.PolicyInput;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.SamplingOptions;
import dev.caig.runtime.text.InstructionTemplates;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a policy's descriptions for a list of products with fixed seeds, so two policies asked with the same seed
 * get the same random numbers per slot: what evaluate's arms and the choice among PCPO restarts compare.
 */
public final class PolicySamples {
    private PolicySamples() {
    }

    /**
     * {@code n} descriptions per product, product by product; sample {@code j} of product {@code k} has seed
     * {@code seed * 1000003 + k * 101 + j}.
     */
    public static List<String> draw(PromptModel model, List<BufferedImage> photos, List<String> titles, int n,
                                    SamplingOptions options, long seed) {
        int size = model.config().imageSize();
        List<float[]> images = new ArrayList<>();
        List<String> instructions = new ArrayList<>();
        long[] seeds = new long[photos.size() * n];
        for (int k = 0; k < photos.size(); k++) {
            float[] image = PolicyInput.of(photos.get(k), size);
            for (int j = 0; j < n; j++) {
                images.add(image);
                instructions.add(InstructionTemplates.backgroundFor(titles.get(k)));
                seeds[k * n + j] = seed * 1_000_003L + k * 101L + j;
            }
        }
        SamplingOptions capped = new SamplingOptions(options.temperature(), options.topP(),
                Math.min(options.maxNewTokens(), model.encoder().maxAnswerTokens()), options.describeBackground());
        return model.generate(images, instructions, capped, seeds);
    }
}

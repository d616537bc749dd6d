package dev.caig.runtime.model;

import dev.caig.runtime.text.Vocabulary;

import java.util.List;
import java.util.Random;

/** Small models and inputs for fast tests. */
public final class TinyModels {
    public static final List<String> TEXTS = List.of(
            "<image> write a background for the product : rose hand cream",
            "<image> write a background for the product : steel desk lamp",
            "marble surface , bathroom shelf , soft daylight , pastel pink tones",
            "wooden table , kitchen counter , warm lamp , fruit , cozy",
            "concrete floor , studio backdrop , neon light , cool blue tones");

    private TinyModels() {
    }

    public static Vocabulary vocabulary() {
        return Vocabulary.build(TEXTS, 1);
    }

    public static PromptModelConfig config() {
        return new PromptModelConfig(0, 16, 8, 32, 1, 2, 40);
    }

    public static PromptModel promptModel(long seed) {
        return PromptModel.create(config(), vocabulary(), 12, seed);
    }

    public static float[] image(long seed, int size) {
        Random random = new Random(seed);
        float[] chw = new float[3 * size * size];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = random.nextInt(256);
        }
        return chw;
    }
}

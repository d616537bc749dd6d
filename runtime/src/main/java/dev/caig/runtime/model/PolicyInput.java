package dev.caig.runtime.model;

import dev.caig.runtime.render.LaidOutProduct;
import dev.caig.runtime.render.ProductLayout;

import java.awt.image.BufferedImage;

/**
 * How the prompt model sees a product, in training and at serving alike: laid out as in an ad (the paper's layout)
 * and shown on white at the model's input size, as CHW pixels 0..255. One definition, so serving feeds the model
 * exactly what it was trained on.
 */
public final class PolicyInput {
    private PolicyInput() {
    }

    /** @param productArgb a product photo whose alpha is the product mask */
    public static float[] of(BufferedImage productArgb, int size) {
        return of(ProductLayout.layout(productArgb, size));
    }

    /** From a product already laid out at the model's input size (e.g. a renderer's cached layout). */
    public static float[] of(LaidOutProduct laidOut) {
        return ImageTensors.rgb(laidOut.image(), laidOut.size());
    }
}

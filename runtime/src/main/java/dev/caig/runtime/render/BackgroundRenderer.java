package dev.caig.runtime.render;

import java.awt.image.BufferedImage;

/**
 * Turns a background description into a background picture (no product). Implementations are deterministic for
 * (description, seed, size), so two ads of one product differ only by their descriptions.
 */
public interface BackgroundRenderer {

    /** The paper's fixed diffusion seed, used wherever a caller has no reason to pick another. */
    long DEFAULT_SEED = 42;

    /** A size x size TYPE_INT_RGB background for the description. */
    BufferedImage render(String description, long seed, int size);
}

package dev.caig.runtime.render;

import java.awt.image.BufferedImage;

/**
 * The frozen renderer of the method: a background from the description, the laid-out product composited on top
 * with its pixels kept exact. The seed is fixed (paper: 42), so two ads of one product differ only by their
 * descriptions.
 */
public final class AdRenderer {
    private final BackgroundRenderer backgrounds;
    private final AdImageComposer composer = new AdImageComposer();
    private final int size;
    private final long seed;

    public AdRenderer(BackgroundRenderer backgrounds, int size, long seed) {
        this.backgrounds = backgrounds;
        this.size = size;
        this.seed = seed;
    }

    /** The procedural renderer at the given size and seed. */
    public static AdRenderer procedural(int size, long seed) {
        return new AdRenderer(new ProceduralBackgroundRenderer(), size, seed);
    }

    public int size() {
        return size;
    }

    /** Lays out a product photo (ARGB, alpha = mask) for this renderer's canvas. */
    public LaidOutProduct layout(BufferedImage productArgb) {
        return ProductLayout.layout(productArgb, size);
    }

    public BufferedImage render(LaidOutProduct product, String description) {
        if (product.size() != size) {
            throw new IllegalArgumentException("product laid out at " + product.size() + " px, renderer draws " + size + " px");
        }
        return composer.compose(backgrounds.render(description, seed, size), product);
    }
}

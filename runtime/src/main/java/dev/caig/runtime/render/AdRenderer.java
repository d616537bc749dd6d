package dev.caig.runtime.render;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The whole "render an ad" step the training loop and the server call: lay out the product (cached per product
 * picture and size), render the background for the description, composite. Thread-safe.
 */
public final class AdRenderer {

    private final BackgroundRenderer backgrounds;
    private final AdImageComposer composer;
    /** Layouts by product picture (identity) and size: layout of an 800 px photo costs more than a 64 px render. */
    private final Map<BufferedImage, Map<Integer, LaidOutProduct>> layouts =
            Collections.synchronizedMap(new WeakHashMap<>());

    public AdRenderer(BackgroundRenderer backgrounds, AdImageComposer composer) {
        this.backgrounds = backgrounds;
        this.composer = composer;
    }

    /** The default: procedural backgrounds, contact shadow on. */
    public AdRenderer() {
        this(new ProceduralBackgroundRenderer(), new AdImageComposer());
    }

    /** A size x size TYPE_INT_RGB ad: {@code product} (ARGB, alpha = mask) on the described background. */
    public BufferedImage render(BufferedImage product, String description, long seed, int size) {
        return composer.compose(backgrounds.render(description, seed, size), layout(product, size));
    }

    public LaidOutProduct layout(BufferedImage product, int size) {
        Map<Integer, LaidOutProduct> bySize = layouts.computeIfAbsent(product,
                k -> Collections.synchronizedMap(new java.util.HashMap<>()));
        return bySize.computeIfAbsent(size, s -> ProductLayout.layout(product, s));
    }
}

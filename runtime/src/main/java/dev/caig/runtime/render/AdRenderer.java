package dev.caig.runtime.render;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The whole "render an ad" step the training loop and the server call: lay out the product (cached per product
 * picture and size), render the scene for each description with the configured back end ({@link SceneRenderer}:
 * procedural or diffusion), paste the product back exactly. Thread-safe when the back end is.
 */
public final class AdRenderer implements AutoCloseable {

    private final SceneRenderer scenes;
    private final AdImageComposer composer;
    /** Layouts by product picture (identity) and size: layout of an 800 px photo costs more than a 64 px render. */
    private final Map<BufferedImage, Map<Integer, LaidOutProduct>> layouts =
            Collections.synchronizedMap(new WeakHashMap<>());

    public AdRenderer(SceneRenderer scenes, AdImageComposer composer) {
        this.scenes = scenes;
        this.composer = composer;
    }

    /** A back end with the composer it wants (contact shadow only where the back end does not paint one). */
    public AdRenderer(SceneRenderer scenes) {
        this(scenes, new AdImageComposer(scenes.wantsContactShadow()));
    }

    public AdRenderer(BackgroundRenderer backgrounds, AdImageComposer composer) {
        this(SceneRenderer.of(backgrounds), composer);
    }

    /** The default: procedural backgrounds, contact shadow on. */
    public AdRenderer() {
        this(new ProceduralBackgroundRenderer(), new AdImageComposer());
    }

    /** A size x size TYPE_INT_RGB ad: {@code product} (ARGB, alpha = mask) on the described background. */
    public BufferedImage render(BufferedImage product, String description, long seed, int size) {
        return renderAll(product, List.of(description), seed, size).get(0);
    }

    /** One ad per description, in order; the same images as one {@link #render} call each. */
    public List<BufferedImage> renderAll(BufferedImage product, List<String> descriptions, long seed, int size) {
        LaidOutProduct laid = layout(product, size);
        return scenes.render(laid, descriptions, seed).stream().map(scene -> composer.compose(scene, laid)).toList();
    }

    public LaidOutProduct layout(BufferedImage product, int size) {
        Map<Integer, LaidOutProduct> bySize = layouts.computeIfAbsent(product,
                k -> Collections.synchronizedMap(new java.util.HashMap<>()));
        return bySize.computeIfAbsent(size, s -> ProductLayout.layout(product, s));
    }

    /** The back end and its settings (recorded in manifests and /v1/model). */
    public Map<String, Object> identity() {
        return scenes.identity();
    }

    @Override
    public void close() {
        scenes.close();
    }
}

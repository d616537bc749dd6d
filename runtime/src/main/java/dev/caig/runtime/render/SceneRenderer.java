package dev.caig.runtime.render;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * The render contract every back end implements: given the laid-out product, one picture per description (the
 * product is pasted back exactly afterwards by {@link AdImageComposer}). Deterministic for (description, seed) on
 * one device; rendering a list gives the same pictures as rendering each description alone.
 */
public interface SceneRenderer extends AutoCloseable {

    /** size x size TYPE_INT_RGB pictures, one per description, in order; size is the product canvas's. */
    List<BufferedImage> render(LaidOutProduct product, List<String> descriptions, long seed);

    /** The back end and its settings, as manifests and /v1/model record them. */
    Map<String, Object> identity();

    /** Whether the composer should add its soft contact shadow (a diffusion model paints its own). */
    default boolean wantsContactShadow() {
        return true;
    }

    @Override
    default void close() {
    }

    /** The procedural back end: backgrounds drawn from the description alone, the product ignored. */
    static SceneRenderer of(BackgroundRenderer backgrounds) {
        return new SceneRenderer() {
            @Override
            public List<BufferedImage> render(LaidOutProduct product, List<String> descriptions, long seed) {
                // thread-safe and deterministic: in parallel when a core is free (order kept)
                return descriptions.parallelStream().map(d -> backgrounds.render(d, seed, product.size())).toList();
            }

            @Override
            public Map<String, Object> identity() {
                return Map.of("backend", "procedural");
            }
        };
    }
}

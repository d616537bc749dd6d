package dev.caig.runtime.render;

import dev.caig.runtime.text.SceneSpec;

import java.awt.image.BufferedImage;

/**
 * The default CPU renderer: paints a background from the parsed description in fixed layers (backdrop, depth of
 * field blur, style decorations, surface, props, lighting, tone). Only the parsed {@link SceneSpec} and the seed
 * drive it, so words it does not know change nothing; the same (description, seed, size) gives the same pixels.
 */
public final class ProceduralBackgroundRenderer implements BackgroundRenderer {

    /** Smallest side rendered; smaller pictures would lose every shape. */
    public static final int MIN_SIZE = 16;
    /** Largest side rendered, so a typo cannot ask for gigabytes. */
    public static final int MAX_SIZE = 2048;

    @Override
    public BufferedImage render(String description, long seed, int size) {
        return render(SceneSpec.parse(description), seed, size);
    }

    public BufferedImage render(SceneSpec spec, long seed, int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size " + size + " outside " + MIN_SIZE + ".." + MAX_SIZE);
        }
        Frame f = new Frame(spec, mix(seed, spec.toDescription()), size);
        SceneBackdrop.paint(f);
        BoxBlur.blur(f.px, size, size, StyleEffects.blurRadius(f), 0, f.horizon);
        StyleEffects.afterBlur(f);
        SurfacePainter.paint(f);
        PropPainter.paint(f);
        StyleEffects.decorations(f);
        LightingPass.apply(f);
        StyleEffects.tone(f);
        return f.image;
    }

    /** One random stream per (seed, spec): the layout of props differs between descriptions, not only colours. */
    private static long mix(long seed, String canonical) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < canonical.length(); i++) {
            h = (h ^ canonical.charAt(i)) * 0x100000001B3L;
        }
        return h ^ (seed * 0x9E3779B97F4A7C15L);
    }
}

package dev.caig.runtime.render;

import dev.caig.runtime.text.SceneSpec;
import dev.caig.runtime.text.Style;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/** The picture being rendered and everything the painters share: pixels, random stream, colours, horizon. */
final class Frame {
    final int size;
    final BufferedImage image;
    final int[] px;
    final SceneSpec spec;
    final ColorScheme colors;
    final SplittableRandom random;
    final Noise noise;
    /** Row where the wall meets the surface. */
    final int horizon;
    /** 1 for a normal amount of scene detail, lower for minimalist pictures. */
    final double detail;

    Frame(SceneSpec spec, long seed, int size) {
        this.size = size;
        this.spec = spec;
        this.image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        this.px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        this.colors = ColorScheme.of(spec.palette(), spec.scene());
        this.random = new SplittableRandom(seed);
        this.noise = new Noise(random.nextLong());
        this.horizon = (int) Math.round(size * horizonFraction(spec));
        this.detail = spec.has(Style.MINIMALIST) ? 0.35 : 1.0;
    }

    private static double horizonFraction(SceneSpec spec) {
        return switch (spec.scene()) {
            case STUDIO_BACKDROP -> 0.60;
            case BEACH, SNOWY_MOUNTAIN, OUTDOOR_GARDEN -> 0.64;
            default -> 0.62;
        };
    }

    /** A Graphics2D on the picture with antialiasing on; the caller disposes it. */
    Graphics2D graphics() {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
        return g;
    }

    double rnd() {
        return random.nextDouble();
    }

    double rnd(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Pixels for a fraction of the picture side. */
    float s(double fraction) {
        return (float) (fraction * size);
    }
}

package dev.caig.runtime.render;

import dev.caig.runtime.text.Lighting;
import dev.caig.runtime.text.Palette;
import dev.caig.runtime.text.Style;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/** The style words: decorations drawn into the scene and a final tone pass over all pixels. */
final class StyleEffects {
    private StyleEffects() {
    }

    /** Background blur radius in pixels: stronger for bokeh and dreamy pictures. */
    static int blurRadius(Frame f) {
        double r = f.spec.has(Style.BOKEH) ? 0.016 : f.spec.has(Style.DREAMY) ? 0.012 : 0.005;
        return (int) Math.round(r * f.size);
    }

    /** Drawn on the blurred backdrop, before the surface. */
    static void afterBlur(Frame f) {
        Graphics2D g = f.graphics();
        try {
            if (f.spec.has(Style.BOLD)) {
                g.setColor(Rgb.awt(f.colors.accent1(), 0.85));
                Path2D.Double band = new Path2D.Double();
                band.moveTo(f.s(0.35), 0);
                band.lineTo(f.s(0.75), 0);
                band.lineTo(f.s(0.55), f.horizon);
                band.lineTo(f.s(0.15), f.horizon);
                band.closePath();
                g.fill(band);
            }
            if (f.spec.has(Style.BOKEH)) {
                bokeh(f, g);
            }
            if (f.spec.has(Style.MODERN)) {
                int c = Rgb.lerp(f.colors.accent2(), f.colors.wallTop(), 0.35);
                g.setColor(Rgb.awt(Rgb.scale(c, 0.92)));
                double w = 0.56, top = 0.14;
                g.fill(new RoundRectangle2D.Double(f.s(0.5 - w / 2), f.s(top), f.s(w), f.horizon - f.s(top) + 2,
                        f.s(w), f.s(w)));
            }
        } finally {
            g.dispose();
        }
    }

    private static void bokeh(Frame f, Graphics2D g) {
        boolean darkScene = f.spec.palette() == Palette.DARK || f.spec.lighting() == Lighting.NEON
                || f.spec.lighting() == Lighting.MOONLIGHT || f.spec.scene() == dev.caig.runtime.text.Scene.NIGHT_CITY;
        int n = 18;
        for (int i = 0; i < n; i++) {
            double r = f.rnd(0.02, 0.07);
            double x = f.rnd(0, 1), y = f.rnd(0.02, f.horizon / (double) f.size - 0.02);
            int c = i % 3 == 0 ? 0xFFF2D0 : Rgb.lerp(f.colors.accent(i), 0xFFFFFF, 0.45);
            double alpha = darkScene ? 0.45 : 0.3;
            g.setColor(Rgb.awt(c, alpha * 0.5));
            g.fill(new Ellipse2D.Double(f.s(x - r), f.s(y - r), f.s(2 * r), f.s(2 * r)));
            g.setColor(Rgb.awt(c, alpha * 0.6));
            g.fill(new Ellipse2D.Double(f.s(x - r * 0.85), f.s(y - r * 0.85), f.s(1.7 * r), f.s(1.7 * r)));
        }
    }

    /** Drawn over surface and props, before lighting. */
    static void decorations(Frame f) {
        Graphics2D g = f.graphics();
        try {
            if (f.spec.has(Style.FESTIVE)) {
                festive(f, g);
            }
            if (f.spec.has(Style.LUXURY)) {
                luxury(f, g);
            }
        } finally {
            g.dispose();
        }
        if (f.spec.has(Style.NATURAL)) {
            dappled(f);
        }
    }

    private static void festive(Frame f, Graphics2D g) {
        // A string of fairy lights sagging across the top, and confetti.
        int[] bulbs = {0xFFD25A, 0xE8403C, 0x3CB45A, 0xFFFFFF};
        g.setStroke(new BasicStroke(Math.max(1f, f.s(0.004))));
        for (int strand = 0; strand < 2; strand++) {
            double y0 = 0.05 + strand * 0.12;
            Path2D.Double wire = new Path2D.Double();
            wire.moveTo(0, f.s(y0));
            wire.quadTo(f.s(0.5), f.s(y0 + 0.16), f.size, f.s(y0));
            g.setColor(Rgb.awt(0x2E4A2E));
            g.draw(wire);
            for (int k = 0; k <= 12; k++) {
                double t = k / 12.0;
                double x = t;
                double y = y0 + 2 * t * (1 - t) * 0.16;
                int c = bulbs[(k + strand) % bulbs.length];
                SceneBackdrop.glow(f, g, x, y + 0.012, 0.012, c, 0.8);
                g.setColor(Rgb.awt(c));
                g.fill(new Ellipse2D.Double(f.s(x - 0.007), f.s(y + 0.005), f.s(0.014), f.s(0.016)));
            }
        }
        int[] confetti = {0xE8403C, 0x3CB45A, 0xF2C230, 0x3C78E8};
        for (int i = 0; i < 40; i++) {
            g.setColor(Rgb.awt(confetti[i % 4]));
            double x = f.rnd(0, 1), y = f.rnd(0.3, 1);
            g.rotate(f.rnd(0, Math.PI), f.s(x), f.s(y));
            g.fill(new Rectangle2D.Double(f.s(x), f.s(y), f.s(0.018), f.s(0.008)));
            g.setTransform(new java.awt.geom.AffineTransform());
        }
    }

    private static void luxury(Frame f, Graphics2D g) {
        int gold = 0xD4AF37;
        g.setColor(Rgb.awt(gold));
        g.fill(new Rectangle2D.Double(0, f.horizon - Math.max(1, f.s(0.006)), f.size, Math.max(1, f.s(0.008))));
        g.setStroke(new BasicStroke(Math.max(1f, f.s(0.004))));
        g.draw(new Rectangle2D.Double(f.s(0.06), f.s(0.06), f.s(0.88), f.s(0.88)));
        for (int i = 0; i < 14; i++) {
            double x = f.s(f.rnd(0, 1)), y = f.s(f.rnd(0, 1)), r = f.s(f.rnd(0.006, 0.018));
            g.setColor(Rgb.awt(0xFFE9A0, 0.9));
            Path2D.Double star = new Path2D.Double();
            star.moveTo(x, y - r);
            star.lineTo(x + r * 0.25, y);
            star.lineTo(x, y + r);
            star.lineTo(x - r * 0.25, y);
            star.closePath();
            star.moveTo(x - r, y);
            star.lineTo(x, y + r * 0.25);
            star.lineTo(x + r, y);
            star.lineTo(x, y - r * 0.25);
            star.closePath();
            g.fill(star);
        }
    }

    /** Leaf shadows as from a window behind a plant: a thresholded noise pattern that darkens. */
    private static void dappled(Frame f) {
        int n = f.size;
        double scale = 5.0 / n;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double v = f.noise.fbm(x * scale + 50, y * scale * 1.3 + 50);
                double shade = smooth((v - 0.48) / 0.12);
                int i = y * n + x;
                f.px[i] = Rgb.scale(f.px[i], 1 - 0.2 * shade);
            }
        }
    }

    private static double smooth(double t) {
        t = Math.max(0, Math.min(1, t));
        return t * t * (3 - 2 * t);
    }

    /** The final pass: saturation, contrast, sepia, haze, warm tint, vignette and film grain. */
    static void tone(Frame f) {
        boolean vintage = f.spec.has(Style.VINTAGE), luxury = f.spec.has(Style.LUXURY), bold = f.spec.has(Style.BOLD);
        boolean cozy = f.spec.has(Style.COZY), dreamy = f.spec.has(Style.DREAMY);
        boolean mono = f.spec.palette() == Palette.MONOCHROME;
        double sat = (bold ? 1.45 : 1.0) * (vintage ? 0.6 : 1.0) * (mono ? 0.15 : 1.0);
        double contrast = (bold ? 1.2 : 1.0) * (luxury ? 1.15 : 1.0) * (vintage ? 0.85 : 1.0) * (dreamy ? 0.85 : 1.0);
        double level = luxury ? 0.8 : 1.0;
        double vignette = 0.12 + (cozy || vintage || luxury ? 0.3 : 0) + (f.spec.lighting() == Lighting.EVEN ? -0.08 : 0);
        int n = f.size;
        double inv = 1.0 / n;
        for (int y = 0; y < n; y++) {
            double dy = (y + 0.5) * inv - 0.5;
            for (int x = 0; x < n; x++) {
                double dx = (x + 0.5) * inv - 0.5;
                int i = y * n + x;
                int c = f.px[i];
                double r = Rgb.r(c), g = Rgb.g(c), b = Rgb.b(c);
                double l = 0.299 * r + 0.587 * g + 0.114 * b;
                r = l + (r - l) * sat;
                g = l + (g - l) * sat;
                b = l + (b - l) * sat;
                r = 128 + (r - 128) * contrast;
                g = 128 + (g - 128) * contrast;
                b = 128 + (b - 128) * contrast;
                if (vintage) {
                    double sr = 0.393 * r + 0.769 * g + 0.189 * b, sg = 0.349 * r + 0.686 * g + 0.168 * b,
                            sb = 0.272 * r + 0.534 * g + 0.131 * b;
                    r = r * 0.55 + sr * 0.45;
                    g = g * 0.55 + sg * 0.45;
                    b = b * 0.55 + sb * 0.45;
                }
                if (cozy) {
                    r *= 1.06;
                    b *= 0.9;
                }
                if (dreamy) {
                    r = r * 0.8 + 255 * 0.2;
                    g = g * 0.8 + 245 * 0.2;
                    b = b * 0.8 + 250 * 0.2;
                }
                double k = level * (1 - vignette * (dx * dx + dy * dy) * 2.2);
                double grain = vintage ? (f.noise.hash(x, y) - 0.5) * 22 : (f.noise.hash(x, y) - 0.5) * 4;
                f.px[i] = Rgb.of(r * k + grain, g * k + grain, b * k + grain);
            }
        }
    }
}

package dev.caig.runtime.render;

/** Packed 0xRRGGBB colour arithmetic; ints keep the per-pixel loops free of objects. */
final class Rgb {
    private Rgb() {
    }

    static int of(int r, int g, int b) {
        return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    static int of(double r, double g, double b) {
        return of((int) (r + 0.5), (int) (g + 0.5), (int) (b + 0.5));
    }

    static int r(int c) {
        return (c >> 16) & 255;
    }

    static int g(int c) {
        return (c >> 8) & 255;
    }

    static int b(int c) {
        return c & 255;
    }

    static int lerp(int a, int b, double t) {
        return of(r(a) + (r(b) - r(a)) * t, g(a) + (g(b) - g(a)) * t, b(a) + (b(b) - b(a)) * t);
    }

    static int scale(int c, double f) {
        return of(r(c) * f, g(c) * f, b(c) * f);
    }

    static int tint(int c, double fr, double fg, double fb) {
        return of(r(c) * fr, g(c) * fg, b(c) * fb);
    }

    static double luma(int c) {
        return (0.299 * r(c) + 0.587 * g(c) + 0.114 * b(c)) / 255.0;
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    static java.awt.Color awt(int c) {
        return new java.awt.Color(c);
    }

    static java.awt.Color awt(int c, double alpha) {
        return new java.awt.Color(r(c), g(c), b(c), clamp((int) Math.round(alpha * 255)));
    }
}

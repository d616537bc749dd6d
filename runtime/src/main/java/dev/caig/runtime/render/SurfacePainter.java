package dev.caig.runtime.render;

import dev.caig.runtime.text.Scene;
import dev.caig.runtime.text.Surface;

/**
 * Paints the surface the product stands on, below the horizon, with a texture per surface type laid out in
 * perspective: world coordinates (X across, Z into the picture) come from the pixel's height over the horizon.
 */
final class SurfacePainter {
    private SurfacePainter() {
    }

    static void paint(Frame f) {
        int n = f.size;
        int base = baseColor(f);
        double contrast = 0.5 + 0.5 * f.detail;
        Surface surface = f.spec.surface();
        boolean seamless = surface == Surface.MATTE && f.spec.scene() == Scene.STUDIO_BACKDROP;
        int[] wall = surface == Surface.GLASS ? f.px.clone() : null;
        for (int y = f.horizon; y < n; y++) {
            double t = (y - f.horizon + 0.5) / (n - f.horizon);
            double z = 1.0 / (t + 0.12);
            for (int x = 0; x < n; x++) {
                double wx = (x + 0.5) / n - 0.5;
                double X = wx * z;
                int c = texture(f, surface, base, X, z, x, y, t, contrast, wall);
                // Farther surface is a little hazier, nearer a little darker: depth without a light model.
                c = Rgb.lerp(c, f.colors.wallBottom(), 0.25 * (1 - t) * (1 - t));
                c = Rgb.scale(c, 1.0 - 0.12 * t);
                if (seamless) {
                    // The studio's paper sweep: no edge between wall and floor.
                    double blend = Math.min(1, t * 3);
                    c = Rgb.lerp(f.colors.wallBottom(), c, blend);
                }
                f.px[y * n + x] = c;
            }
        }
        if (!seamless) {
            edge(f, base);
        }
    }

    /** A thin highlight where a table or counter top meets the wall, so the plane reads as a surface. */
    private static void edge(Frame f, int base) {
        int n = f.size;
        int rows = Math.max(1, n / 128);
        for (int y = f.horizon; y < Math.min(n, f.horizon + rows); y++) {
            for (int x = 0; x < n; x++) {
                f.px[y * n + x] = Rgb.lerp(f.px[y * n + x], 0xFFFFFF, 0.25);
            }
        }
        if (f.horizon > 0) {
            for (int x = 0; x < n; x++) {
                int i = (f.horizon - 1) * n + x;
                f.px[i] = Rgb.scale(f.px[i], 0.85);
            }
        }
    }

    private static int baseColor(Frame f) {
        int own = switch (f.spec.surface()) {
            case MATTE -> Rgb.scale(f.colors.wallBottom(), 0.95);
            case WOODEN -> 0x9A6A40;
            case MARBLE -> 0xEDEAE6;
            case CONCRETE -> 0x9C9C98;
            case LINEN -> 0xE4DAC6;
            case GLASS -> 0xC8DCE6;
            case SAND -> 0xE0C896;
            case STONE -> 0x5E6468;
            case VELVET -> Rgb.scale(f.colors.accent1(), 0.7);
            case GRASS -> 0x5A9A3C;
            case SNOW -> 0xF2F6FA;
        };
        double tint = f.spec.surface() == Surface.MATTE || f.spec.surface() == Surface.VELVET ? 0 : 0.22;
        return Rgb.lerp(own, f.colors.paletteMid(), tint);
    }

    private static int texture(Frame f, Surface s, int base, double X, double z, int x, int y, double t,
                               double k, int[] wall) {
        Noise nz = f.noise;
        switch (s) {
            case WOODEN -> {
                // Planks running into the picture, each its own shade, with wavy grain and dark gaps.
                double plankX = X * 3.2;
                int plank = (int) Math.floor(plankX);
                double frac = plankX - plank;
                double shade = 0.85 + 0.3 * nz.hash(plank, 7);
                double grain = Math.sin(z * 9 + nz.value(plankX * 2, z * 1.5) * 6 + plank * 3.1) * 0.07;
                double gap = frac < 0.035 || frac > 0.985 ? 0.55 : 1.0;
                return Rgb.scale(base, (shade + grain * k) * gap * 0.92 + 0.08 * (1 - k));
            }
            case MARBLE -> {
                double turb = nz.fbm(X * 1.6, z * 1.6) * 5.0;
                double vein = Math.abs(Math.sin(X * 2.2 + z * 1.3 + turb));
                double dark = Math.pow(1 - vein, 10) * 0.45 * k;
                double cloud = (nz.fbm(X * 3 + 11, z * 3) - 0.5) * 0.08;
                return Rgb.lerp(Rgb.scale(base, 1 + cloud), 0x8A8C90, dark);
            }
            case CONCRETE -> {
                double v = (nz.fbm(X * 5, z * 5) - 0.5) * 0.35 * k;
                double speck = nz.hash(x, y) < 0.04 ? -0.12 : 0;
                return Rgb.scale(base, 1 + v + speck);
            }
            case LINEN -> {
                double weave = (Math.sin(x * 2.2) * Math.sin(y * 2.2)) * 0.025 * k;
                double folds = Math.sin(X * 4 + nz.fbm(X, z) * 4) * 0.07 * k;
                return Rgb.scale(base, 1 + weave + folds);
            }
            case GLASS -> {
                // A darkened mirror image of the wall, a tint and a diagonal highlight.
                int my = Math.max(0, 2 * f.horizon - y - 1);
                int reflected = wall[my * f.size + x];
                int c = Rgb.lerp(Rgb.scale(reflected, 0.7), base, 0.35);
                double streak = Math.exp(-Math.pow((x / (double) f.size - 0.8 * t - 0.1) * 12, 2)) * 0.25;
                return Rgb.lerp(c, 0xFFFFFF, streak);
            }
            case SAND -> {
                double ripple = Math.sin(z * 14 + Math.sin(X * 3) * 2 + nz.value(X * 3, z) * 3) * 0.06 * k;
                double grain = (nz.hash(x, y) - 0.5) * 0.1;
                return Rgb.scale(base, 1 + ripple + grain);
            }
            case STONE -> {
                double tx = X * 1.8, tz = z * 0.9;
                int ix = (int) Math.floor(tx), iz = (int) Math.floor(tz);
                double fx = tx - ix, fz = tz - iz;
                double shade = 0.85 + 0.3 * nz.hash(ix * 31 + iz, 3);
                double gap = fx < 0.04 || fz < 0.06 ? 0.6 : 1.0;
                double rough = (nz.fbm(X * 8, z * 8) - 0.5) * 0.25 * k;
                return Rgb.scale(base, (shade + rough) * gap);
            }
            case VELVET -> {
                double sheen = Math.pow(nz.fbm(X * 1.2, z * 0.8), 2) * 0.9;
                return Rgb.lerp(Rgb.scale(base, 0.75), Rgb.lerp(base, 0xFFFFFF, 0.35), sheen);
            }
            case GRASS -> {
                double blades = (nz.hash(x, y / 3) - 0.5) * 0.45 * k;
                double patch = (nz.fbm(X * 3, z * 3) - 0.5) * 0.35;
                return Rgb.scale(base, 1 + blades + patch);
            }
            case SNOW -> {
                double shadow = nz.fbm(X * 2, z * 2);
                int c = Rgb.lerp(base, 0xC8D8EC, Math.max(0, shadow - 0.45) * 1.2);
                return nz.hash(x, y) < 0.01 ? 0xFFFFFF : c;
            }
            default -> {
                double v = (nz.fbm(X * 2, z * 2) - 0.5) * 0.05;
                return Rgb.scale(base, 1 + v);
            }
        }
    }
}

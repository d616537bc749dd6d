package dev.caig.runtime.render;

/**
 * Lights the finished scene: per pixel a colour multiplier (ambient level, tint, light pools, falloff) and an
 * additive glow (neon rims, low sun). One pass, so props and surface are lit the same way.
 */
final class LightingPass {
    private LightingPass() {
    }

    static void apply(Frame f) {
        int n = f.size;
        double inv = 1.0 / n;
        for (int y = 0; y < n; y++) {
            double v = (y + 0.5) * inv;
            for (int x = 0; x < n; x++) {
                double u = (x + 0.5) * inv;
                int i = y * n + x;
                int c = f.px[i];
                double r = Rgb.r(c), g = Rgb.g(c), b = Rgb.b(c);
                double m, tr = 1, tg = 1, tb = 1, ar = 0, ag = 0, ab = 0;
                switch (f.spec.lighting()) {
                    case SOFT_DAYLIGHT -> {
                        m = 1.12 - 0.22 * u - 0.05 * v;
                        tr = 0.99;
                        tb = 1.03;
                    }
                    case WARM_LAMP -> {
                        double d = sq(u - 0.8) + sq(v - 0.2);
                        m = 0.62 + 0.6 * Math.exp(-d / 0.18);
                        tr = 1.1;
                        tg = 0.96;
                        tb = 0.78;
                    }
                    case STUDIO_SPOTLIGHT -> {
                        double d = sq(u - 0.5) + sq((v - 0.55) * 1.3);
                        m = 0.32 + 1.0 * Math.exp(-d / 0.09);
                    }
                    case GOLDEN_HOUR -> {
                        m = 0.82 + 0.35 * u;
                        tr = 1.16;
                        tg = 0.98;
                        tb = 0.72;
                        double sun = Math.exp(-(sq(u - 0.95) + sq(v - 0.3)) / 0.05);
                        ar = 90 * sun;
                        ag = 60 * sun;
                        ab = 20 * sun;
                    }
                    case NEON -> {
                        m = 0.55;
                        tr = 0.9;
                        tg = 0.9;
                        tb = 1.1;
                        // Magenta rim light from the left, cyan from the right; the middle stays dark.
                        double left = Math.exp(-u / 0.14), right = Math.exp(-(1 - u) / 0.14);
                        ar = 150 * left + 10 * right;
                        ag = 20 * left + 140 * right;
                        ab = 140 * left + 170 * right;
                    }
                    case DIM -> {
                        m = 0.55 - 0.1 * v;
                    }
                    case MOONLIGHT -> {
                        m = 0.6 - 0.15 * v;
                        tr = 0.8;
                        tg = 0.9;
                        tb = 1.15;
                    }
                    default -> {
                        m = 1.0;
                    }
                }
                f.px[i] = Rgb.of(r * m * tr + ar, g * m * tg + ag, b * m * tb + ab);
            }
        }
    }

    private static double sq(double a) {
        return a * a;
    }
}

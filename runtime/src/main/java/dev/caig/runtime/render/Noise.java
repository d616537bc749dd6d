package dev.caig.runtime.render;

/** Seeded 2-D value noise and its fractal sum: cheap, smooth texture for surfaces and clouds. */
final class Noise {
    private final long seed;

    Noise(long seed) {
        this.seed = seed;
    }

    /** Noise in [0, 1] with features about one unit apart. */
    double value(double x, double y) {
        int ix = (int) Math.floor(x);
        int iy = (int) Math.floor(y);
        double fx = x - ix;
        double fy = y - iy;
        double sx = fx * fx * (3 - 2 * fx);
        double sy = fy * fy * (3 - 2 * fy);
        double a = hash(ix, iy), b = hash(ix + 1, iy), c = hash(ix, iy + 1), d = hash(ix + 1, iy + 1);
        return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
    }

    /** Three octaves of {@link #value}, in [0, 1]. */
    double fbm(double x, double y) {
        return (value(x, y) * 0.57 + value(x * 2.03, y * 2.03) * 0.29 + value(x * 4.1, y * 4.1) * 0.14);
    }

    /** A hash of a lattice point in [0, 1). */
    double hash(int x, int y) {
        long h = seed ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }
}

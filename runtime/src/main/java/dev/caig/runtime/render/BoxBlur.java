package dev.caig.runtime.render;

/** Three box-blur passes approximate a Gaussian at a cost independent of the radius (depth of field, haze). */
final class BoxBlur {
    private BoxBlur() {
    }

    /** Blurs rows [y0, y1) of a w-wide RGB buffer in place. */
    static void blur(int[] px, int w, int h, int radius, int y0, int y1) {
        if (radius < 1) {
            return;
        }
        int[] tmp = new int[px.length];
        // Two passes (a tent) suffice for a slight blur; three look Gaussian for strong blurs such as bokeh.
        int passes = radius >= 3 ? 3 : 2;
        for (int pass = 0; pass < passes; pass++) {
            horizontal(px, tmp, w, radius, y0, y1);
            vertical(tmp, px, w, h, radius, y0, y1);
        }
    }

    private static void horizontal(int[] src, int[] dst, int w, int r, int y0, int y1) {
        int div = 2 * r + 1;
        for (int y = y0; y < y1; y++) {
            int row = y * w;
            int sr = 0, sg = 0, sb = 0;
            for (int k = -r; k <= r; k++) {
                int p = src[row + Math.min(w - 1, Math.max(0, k))];
                sr += (p >> 16) & 255;
                sg += (p >> 8) & 255;
                sb += p & 255;
            }
            for (int x = 0; x < w; x++) {
                dst[row + x] = (sr / div) << 16 | (sg / div) << 8 | (sb / div);
                int out = src[row + Math.max(0, x - r)];
                int in = src[row + Math.min(w - 1, x + r + 1)];
                sr += ((in >> 16) & 255) - ((out >> 16) & 255);
                sg += ((in >> 8) & 255) - ((out >> 8) & 255);
                sb += (in & 255) - (out & 255);
            }
        }
    }

    private static void vertical(int[] src, int[] dst, int w, int h, int r, int y0, int y1) {
        int div = 2 * r + 1;
        int last = y1 - 1;
        for (int x = 0; x < w; x++) {
            int sr = 0, sg = 0, sb = 0;
            for (int k = -r; k <= r; k++) {
                int p = src[Math.min(last, Math.max(y0, y0 + k)) * w + x];
                sr += (p >> 16) & 255;
                sg += (p >> 8) & 255;
                sb += p & 255;
            }
            for (int y = y0; y < y1; y++) {
                dst[y * w + x] = (sr / div) << 16 | (sg / div) << 8 | (sb / div);
                int out = src[Math.max(y0, y - r) * w + x];
                int in = src[Math.min(last, y + r + 1) * w + x];
                sr += ((in >> 16) & 255) - ((out >> 16) & 255);
                sg += ((in >> 8) & 255) - ((out >> 8) & 255);
                sb += (in & 255) - (out & 255);
            }
        }
    }
}

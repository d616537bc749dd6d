package dev.caig.runtime.render.diffusion;

/**
 * The canny edge map ControlNet-canny is conditioned on, with OpenCV's {@code Canny(image, 100, 200)} semantics as
 * the paper calls it: 3x3 Sobel per colour channel (the channel with the largest gradient wins), L1 magnitude,
 * non-maximum suppression in four directions, hysteresis between the two thresholds; no blur first.
 *
 * <p>Own code rather than a library: OpenCV's Java bindings ship ~100 MB of native code, BoofCV brings half a dozen
 * jars and a blurred, differently-normalised variant; this is ~100 lines and matches the call the paper makes.
 */
public final class CannyEdges {
    public static final int LOW = 100;
    public static final int HIGH = 200;

    private CannyEdges() {
    }

    /** Edge pixels (true) of a w x h RGB image (0xRRGGBB ints, row-major). */
    public static boolean[] of(int[] rgb, int w, int h, int low, int high) {
        int[] mag = new int[w * h];
        int[] gx = new int[w * h];
        int[] gy = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int best = -1;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    int dx = px(rgb, w, h, x + 1, y - 1, shift) + 2 * px(rgb, w, h, x + 1, y, shift) + px(rgb, w, h, x + 1, y + 1, shift)
                            - px(rgb, w, h, x - 1, y - 1, shift) - 2 * px(rgb, w, h, x - 1, y, shift) - px(rgb, w, h, x - 1, y + 1, shift);
                    int dy = px(rgb, w, h, x - 1, y + 1, shift) + 2 * px(rgb, w, h, x, y + 1, shift) + px(rgb, w, h, x + 1, y + 1, shift)
                            - px(rgb, w, h, x - 1, y - 1, shift) - 2 * px(rgb, w, h, x, y - 1, shift) - px(rgb, w, h, x + 1, y - 1, shift);
                    int m = Math.abs(dx) + Math.abs(dy);
                    if (m > best) {
                        best = m;
                        gx[y * w + x] = dx;
                        gy[y * w + x] = dy;
                    }
                }
                mag[y * w + x] = best;
            }
        }
        // 0 none, 1 weak candidate, 2 strong
        byte[] state = new byte[w * h];
        int[] stack = new int[w * h];
        int top = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int m = mag[i];
                if (m <= low || !isLocalMax(mag, gx[i], gy[i], w, h, x, y)) {
                    continue;
                }
                if (m > high) {
                    state[i] = 2;
                    stack[top++] = i;
                } else {
                    state[i] = 1;
                }
            }
        }
        while (top > 0) {
            int i = stack[--top];
            int x = i % w, y = i / w;
            for (int ny = Math.max(0, y - 1); ny <= Math.min(h - 1, y + 1); ny++) {
                for (int nx = Math.max(0, x - 1); nx <= Math.min(w - 1, x + 1); nx++) {
                    int j = ny * w + nx;
                    if (state[j] == 1) {
                        state[j] = 2;
                        stack[top++] = j;
                    }
                }
            }
        }
        boolean[] edges = new boolean[w * h];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = state[i] == 2;
        }
        return edges;
    }

    /** Non-maximum suppression along the gradient direction, quantised to 0/45/90/135 degrees. */
    private static boolean isLocalMax(int[] mag, int dx, int dy, int w, int h, int x, int y) {
        int m = mag[y * w + x];
        double ax = Math.abs(dx), ay = Math.abs(dy);
        int ox, oy;
        if (ay <= ax * 0.4142135623730951) { // tan 22.5: horizontal gradient, compare left and right
            ox = 1;
            oy = 0;
        } else if (ay >= ax * 2.414213562373095) { // tan 67.5: vertical gradient
            ox = 0;
            oy = 1;
        } else {
            ox = (dx ^ dy) < 0 ? -1 : 1;
            oy = 1;
        }
        // strict on one side, not on the other, so a two-pixel plateau keeps one pixel (as OpenCV)
        return m > at(mag, w, h, x - ox, y - oy) && m >= at(mag, w, h, x + ox, y + oy);
    }

    private static int at(int[] mag, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : mag[y * w + x];
    }

    /** Channel value with replicated borders (OpenCV's default for Sobel is reflect-101; the 1-pixel rim differs). */
    private static int px(int[] rgb, int w, int h, int x, int y, int shift) {
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        return (rgb[y * w + x] >> shift) & 255;
    }
}

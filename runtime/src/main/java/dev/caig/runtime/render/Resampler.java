package dev.caig.runtime.render;

import java.awt.image.BufferedImage;

/**
 * Scales a rectangle of an ARGB image in premultiplied space, so transparent pixels never bleed their (white)
 * colour into the edge. Shrinking averages the covered source area (no aliasing even at 800 -> 64 px); enlarging
 * interpolates linearly. Separable: one pass per axis.
 */
final class Resampler {

    private Resampler() {
    }

    /** Source rectangle (sx, sy, sw, sh) of {@code src} scaled to dw x dh pixels, as TYPE_INT_ARGB. */
    static BufferedImage scale(BufferedImage src, int sx, int sy, int sw, int sh, int dw, int dh) {
        int[] in = new int[sw * sh];
        src.getRGB(sx, sy, sw, sh, in, 0, sw);
        float[] pre = new float[sw * sh * 4];
        for (int i = 0; i < in.length; i++) {
            int p = in[i];
            float a = (p >>> 24) / 255f;
            pre[i * 4] = a;
            pre[i * 4 + 1] = ((p >> 16) & 255) * a;
            pre[i * 4 + 2] = ((p >> 8) & 255) * a;
            pre[i * 4 + 3] = (p & 255) * a;
        }
        Weights wx = Weights.of(sw, dw);
        Weights wy = Weights.of(sh, dh);
        float[] rows = new float[sh * dw * 4];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < dw; x++) {
                accumulate(pre, (y * sw) * 4, 4, wx, x, rows, (y * dw + x) * 4);
            }
        }
        float[] out = new float[dh * dw * 4];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                accumulate(rows, x * 4, dw * 4, wy, y, out, (y * dw + x) * 4);
            }
        }
        int[] argb = new int[dw * dh];
        for (int i = 0; i < argb.length; i++) {
            float a = out[i * 4];
            int ia = clamp(Math.round(a * 255f));
            if (ia == 0) {
                argb[i] = 0;
                continue;
            }
            argb[i] = ia << 24 | clamp(Math.round(out[i * 4 + 1] / a)) << 16
                    | clamp(Math.round(out[i * 4 + 2] / a)) << 8 | clamp(Math.round(out[i * 4 + 3] / a));
        }
        BufferedImage result = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_ARGB);
        result.setRGB(0, 0, dw, dh, argb, 0, dw);
        return result;
    }

    private static void accumulate(float[] src, int base, int stride, Weights w, int d, float[] dst, int at) {
        float a = 0, r = 0, g = 0, b = 0;
        for (int k = w.start[d]; k < w.start[d + 1]; k++) {
            int s = base + w.index[k] * stride;
            float wt = w.weight[k];
            a += src[s] * wt;
            r += src[s + 1] * wt;
            g += src[s + 2] * wt;
            b += src[s + 3] * wt;
        }
        dst[at] = a;
        dst[at + 1] = r;
        dst[at + 2] = g;
        dst[at + 3] = b;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    /** For each destination index, the source indices and weights (summing to 1) that make it. */
    private record Weights(int[] start, int[] index, float[] weight) {
        static Weights of(int srcLen, int dstLen) {
            double scale = (double) srcLen / dstLen;
            int[] start = new int[dstLen + 1];
            int maxTaps = (int) Math.ceil(Math.max(scale, 1)) + 2;
            int[] index = new int[dstLen * maxTaps];
            float[] weight = new float[dstLen * maxTaps];
            int n = 0;
            for (int d = 0; d < dstLen; d++) {
                start[d] = n;
                if (scale >= 1) {
                    // Box filter over the source span this destination pixel covers.
                    double lo = d * scale;
                    double hi = lo + scale;
                    for (int s = (int) Math.floor(lo); s < Math.ceil(hi) && s < srcLen; s++) {
                        double cover = Math.min(hi, s + 1) - Math.max(lo, s);
                        if (cover > 0) {
                            index[n] = s;
                            weight[n++] = (float) (cover / scale);
                        }
                    }
                } else {
                    // Linear interpolation between the two nearest source centres.
                    double c = (d + 0.5) * scale - 0.5;
                    int s0 = (int) Math.floor(c);
                    double t = c - s0;
                    int a = Math.max(0, Math.min(srcLen - 1, s0));
                    int b = Math.max(0, Math.min(srcLen - 1, s0 + 1));
                    index[n] = a;
                    weight[n++] = (float) (1 - t);
                    index[n] = b;
                    weight[n++] = (float) t;
                }
            }
            start[dstLen] = n;
            return new Weights(start, index, weight);
        }
    }
}

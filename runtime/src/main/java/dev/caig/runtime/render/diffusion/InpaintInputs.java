package dev.caig.runtime.render.diffusion;

import dev.caig.runtime.render.LaidOutProduct;
import dev.caig.runtime.render.ProductLayout;

/**
 * What the inpainting pipeline takes from a laid-out product, as flat CHW floats: the control image (canny edges
 * of the product over black, 0/1, 3 channels), the init image (the product over mid-grey, in [-1, 1]) and the
 * latent mask (1 = repaint the background, 0 = keep the product), downsampled by nearest neighbour as diffusers
 * does. Pure Java, so it is cached per product and computed once however many candidates are drawn.
 */
public record InpaintInputs(int size, int latentSize, float[] control, float[] init, float[] latentMask) {

    private static final int GREY = 127;

    public static InpaintInputs of(LaidOutProduct product, int downsample) {
        int s = product.size();
        if (s % downsample != 0) {
            throw new IllegalArgumentException("size " + s + " is not a multiple of " + downsample);
        }
        int[] argb = product.image().getRGB(0, 0, s, s, null, 0, s);
        int plane = s * s;
        int[] onBlack = new int[plane];
        float[] init = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int a = argb[i] >>> 24;
            int rgb = argb[i] & 0xFFFFFF;
            onBlack[i] = over(rgb, a, 0);
            int grey = over(rgb, a, GREY);
            for (int c = 0; c < 3; c++) {
                init[c * plane + i] = ((grey >> (16 - 8 * c)) & 255) / 127.5f - 1;
            }
        }
        boolean[] edges = CannyEdges.of(onBlack, s, s, CannyEdges.LOW, CannyEdges.HIGH);
        float[] control = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            if (edges[i]) {
                control[i] = control[plane + i] = control[2 * plane + i] = 1;
            }
        }
        int ls = s / downsample;
        float[] mask = new float[ls * ls];
        for (int y = 0; y < ls; y++) {
            for (int x = 0; x < ls; x++) {
                int a = argb[y * downsample * s + x * downsample] >>> 24;
                mask[y * ls + x] = a >= ProductLayout.PRODUCT_ALPHA ? 0 : 1;
            }
        }
        return new InpaintInputs(s, ls, control, init, mask);
    }

    private static int over(int rgb, int alpha, int background) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int c = ((rgb >> shift) & 255) * alpha + background * (255 - alpha);
            out |= ((c + 127) / 255) << shift;
        }
        return out;
    }
}

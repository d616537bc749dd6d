package dev.caig.runtime.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The product-centric loss's masked image: the image is cut into a grid of patches and {@code int(ratio * P)} of
 * them are zeroed, before normalisation (paper: 32 px patches on 800 px images, ratio 0.75).
 */
public final class PatchMasker {
    private final int patchesPerSide;
    private final double ratio;

    public PatchMasker(int patchesPerSide, double ratio) {
        if (patchesPerSide < 1 || ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("patchesPerSide must be >= 1 and ratio in [0, 1]");
        }
        this.patchesPerSide = patchesPerSide;
        this.ratio = ratio;
    }

    public int maskedPatchCount() {
        return (int) (ratio * patchesPerSide * patchesPerSide);
    }

    /** Returns a copy of a CHW (3, size, size) image (0..255) with the chosen patches set to 0. */
    public float[] mask(float[] chw, int size, Random random) {
        if (size % patchesPerSide != 0) {
            throw new IllegalArgumentException("image size " + size + " is not a multiple of " + patchesPerSide);
        }
        int patch = size / patchesPerSide;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < patchesPerSide * patchesPerSide; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        float[] out = chw.clone();
        int plane = size * size;
        for (int k = 0; k < maskedPatchCount(); k++) {
            int py = order.get(k) / patchesPerSide;
            int px = order.get(k) % patchesPerSide;
            for (int c = 0; c < 3; c++) {
                for (int y = py * patch; y < (py + 1) * patch; y++) {
                    int row = c * plane + y * size;
                    java.util.Arrays.fill(out, row + px * patch, row + (px + 1) * patch, 0f);
                }
            }
        }
        return out;
    }
}

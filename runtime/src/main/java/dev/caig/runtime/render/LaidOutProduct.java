package dev.caig.runtime.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * A product placed on a square canvas: {@code image} is size x size ARGB (transparent outside the product),
 * {@code box} the rectangle the cropped product was scaled into.
 */
public record LaidOutProduct(BufferedImage image, Rectangle box) {

    public int size() {
        return image.getWidth();
    }

    /** Alpha of every canvas pixel, row-major, 0-255: the mask the compositor and pixel metrics use. */
    public int[] alpha() {
        int s = size();
        int[] argb = image.getRGB(0, 0, s, s, null, 0, s);
        for (int i = 0; i < argb.length; i++) {
            argb[i] = argb[i] >>> 24;
        }
        return argb;
    }
}

package dev.caig.runtime.render;

import dev.caig.runtime.CaigException;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * The paper's product layout: crop to the alpha >= 0.5 bounding box, scale to fit {@value #FILL} of a square
 * canvas keeping the aspect ratio, centre. The alpha channel is scaled with the colours.
 */
public final class ProductLayout {

    /** Fraction of the canvas side the product's longer side fills. */
    public static final double FILL = 0.78;
    /** Alpha at or above which a pixel counts as product (0.5 of 255, rounded up). */
    public static final int PRODUCT_ALPHA = 128;

    private ProductLayout() {
    }

    /** Bounding box of the pixels with alpha >= 0.5. */
    public static Rectangle alphaBox(BufferedImage argb) {
        int w = argb.getWidth();
        int h = argb.getHeight();
        int minX = w, minY = h, maxX = -1, maxY = -1;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            argb.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                if ((row[x] >>> 24) >= PRODUCT_ALPHA) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < 0) {
            throw new CaigException("product image has no pixels with alpha >= 0.5");
        }
        return new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /** Where a box of boxW x boxH lands on a size x size canvas: longer side = round(0.78 size), centred. */
    public static Rectangle placement(int boxW, int boxH, int size) {
        double scale = FILL * size / Math.max(boxW, boxH);
        int w = Math.max(1, (int) Math.round(boxW * scale));
        int h = Math.max(1, (int) Math.round(boxH * scale));
        return new Rectangle((size - w) / 2, (size - h) / 2, w, h);
    }

    /** The product (ARGB, alpha = mask) cropped, scaled and centred on a transparent size x size canvas. */
    public static LaidOutProduct layout(BufferedImage product, int size) {
        if (size < 8) {
            throw new CaigException("canvas size " + size + " is too small (at least 8 pixels)");
        }
        Rectangle crop = alphaBox(product);
        Rectangle at = placement(crop.width, crop.height, size);
        BufferedImage scaled = Resampler.scale(product, crop.x, crop.y, crop.width, crop.height, at.width, at.height);
        BufferedImage canvas = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        int[] pixels = scaled.getRGB(0, 0, at.width, at.height, null, 0, at.width);
        canvas.setRGB(at.x, at.y, at.width, at.height, pixels, 0, at.width);
        return new LaidOutProduct(canvas, at);
    }
}

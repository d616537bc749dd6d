package dev.caig.runtime.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Pastes a laid-out product onto a background, as the paper pastes the product back with its un-dilated mask:
 * every product pixel (alpha >= 0.5, the paper's mask threshold) is exactly the product's RGB, weaker alpha
 * blends (weight alpha / 0.5, continuous at the threshold), alpha 0 keeps the background. The threshold rather
 * than alpha 255 matters for matted photos whose product alpha is 254 (two of caig-tiny's eight). An optional
 * soft contact shadow darkens only the background under the product.
 */
public final class AdImageComposer {

    private final boolean contactShadow;

    public AdImageComposer(boolean contactShadow) {
        this.contactShadow = contactShadow;
    }

    /** A default composer: with contact shadow. */
    public AdImageComposer() {
        this(true);
    }

    /** A new TYPE_INT_RGB ad image; neither input is changed. */
    public BufferedImage compose(BufferedImage background, LaidOutProduct product) {
        int size = product.size();
        if (background.getWidth() != size || background.getHeight() != size) {
            throw new IllegalArgumentException("background is " + background.getWidth() + "x" + background.getHeight()
                    + " but the product canvas is " + size + "x" + size);
        }
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        background.getRGB(0, 0, size, size, dst, 0, size);
        if (contactShadow) {
            shadow(dst, size, product.box());
        }
        int[] fg = product.image().getRGB(0, 0, size, size, null, 0, size);
        for (int i = 0; i < dst.length; i++) {
            int a = fg[i] >>> 24;
            if (a >= ProductLayout.PRODUCT_ALPHA) {
                dst[i] = fg[i] & 0xFFFFFF;
            } else if (a > 0) {
                dst[i] = blend(fg[i], dst[i], 2 * a);
            } else {
                dst[i] &= 0xFFFFFF;
            }
        }
        return out;
    }

    private static int blend(int fg, int bg, int a) {
        int na = 255 - a;
        int r = (((fg >> 16) & 255) * a + ((bg >> 16) & 255) * na + 127) / 255;
        int g = (((fg >> 8) & 255) * a + ((bg >> 8) & 255) * na + 127) / 255;
        int b = ((fg & 255) * a + (bg & 255) * na + 127) / 255;
        return r << 16 | g << 8 | b;
    }

    /** A flat soft ellipse at the product's foot, so it looks set down on the surface rather than floating. */
    private static void shadow(int[] px, int size, Rectangle box) {
        double cx = box.getCenterX();
        double cy = box.y + box.height - 0.01 * size;
        double rx = box.width * 0.55 + 0.02 * size;
        double ry = Math.max(2, 0.035 * size);
        int x0 = (int) Math.max(0, cx - rx - 1), x1 = (int) Math.min(size - 1, cx + rx + 1);
        int y0 = (int) Math.max(0, cy - ry - 1), y1 = (int) Math.min(size - 1, cy + ry + 1);
        for (int y = y0; y <= y1; y++) {
            double dy = (y + 0.5 - cy) / ry;
            for (int x = x0; x <= x1; x++) {
                double dx = (x + 0.5 - cx) / rx;
                double d = dx * dx + dy * dy;
                if (d < 1) {
                    double k = 1 - 0.45 * (1 - d) * (1 - d);
                    int p = px[y * size + x];
                    px[y * size + x] = (int) (((p >> 16) & 255) * k) << 16 | (int) (((p >> 8) & 255) * k) << 8
                            | (int) ((p & 255) * k);
                }
            }
        }
    }
}

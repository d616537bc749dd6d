package dev.caig.runtime.render;

import java.awt.image.BufferedImage;

/** The reward model's input: two ads of one product side by side, left | right, as in the paper's test set. */
public final class PairImage {
    private PairImage() {
    }

    /** A (w_left + w_right) x h RGB image; both inputs must have the same height. */
    public static BufferedImage sideBySide(BufferedImage left, BufferedImage right) {
        if (left.getHeight() != right.getHeight()) {
            throw new IllegalArgumentException("left is " + left.getHeight() + " px high, right " + right.getHeight());
        }
        int h = left.getHeight(), wl = left.getWidth(), wr = right.getWidth();
        BufferedImage pair = new BufferedImage(wl + wr, h, BufferedImage.TYPE_INT_RGB);
        pair.setRGB(0, 0, wl, h, left.getRGB(0, 0, wl, h, null, 0, wl), 0, wl);
        pair.setRGB(wl, 0, wr, h, right.getRGB(0, 0, wr, h, null, 0, wr), 0, wr);
        return pair;
    }
}

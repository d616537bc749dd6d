package dev.caig.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Converts images to the models' input: CHW float, normalised as {@code (v / 255 - 0.5) / 0.25}. Transparent
 * pixels are shown on white, the way product photos are shown to the prompt model.
 */
public final class ImageTensors {
    private static final float MEAN = 0.5f;
    private static final float STD = 0.25f;

    private ImageTensors() {
    }

    /** Raw RGB of an image resized to size x size, CHW, values 0..255 (before normalisation, so patches can be zeroed). */
    public static float[] rgb(BufferedImage image, int size) {
        BufferedImage sized = image;
        if (image.getWidth() != size || image.getHeight() != size || image.getType() != BufferedImage.TYPE_INT_RGB) {
            sized = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = sized.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, size, size, null);
            g.dispose();
        }
        return chw(sized, size, size);
    }

    /** CHW values 0..255 of an image exactly as it is (width x height). */
    public static float[] chw(BufferedImage image, int width, int height) {
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        float[] out = new float[3 * width * height];
        int plane = width * height;
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            out[i] = (p >> 16) & 0xFF;
            out[plane + i] = (p >> 8) & 0xFF;
            out[2 * plane + i] = p & 0xFF;
        }
        return out;
    }

    /** Stacks CHW pixel arrays (0..255) into a normalised (B,3,H,W) array. */
    public static NDArray batch(NDManager manager, List<float[]> images, int height, int width) {
        float[] all = new float[images.size() * 3 * height * width];
        int offset = 0;
        for (float[] image : images) {
            for (float v : image) {
                all[offset++] = (v / 255f - MEAN) / STD;
            }
        }
        return manager.create(all, new Shape(images.size(), 3, height, width));
    }
}

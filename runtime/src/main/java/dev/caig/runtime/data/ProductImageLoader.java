package dev.caig.runtime.data;

import dev.caig.runtime.CaigException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes a product photo into an ARGB image whose alpha channel is the product mask. Images with an alpha
 * channel keep it; images without one (RGB PNG, JPEG) are taken as a product on pure white, as in the paper:
 * pixels exactly (255,255,255) become transparent, every other pixel opaque.
 */
public final class ProductImageLoader {

    /** Largest accepted side; larger photos are refused rather than decoded into gigabytes of pixels. */
    public static final int DEFAULT_MAX_SIDE = 4096;

    private final int maxSide;

    public ProductImageLoader() {
        this(DEFAULT_MAX_SIDE);
    }

    public ProductImageLoader(int maxSide) {
        this.maxSide = maxSide;
    }

    public BufferedImage load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CaigException(file + ": image file not found");
        }
        try {
            return decode(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new CaigException(file + ": cannot read image: " + e.getMessage(), e);
        }
    }

    /** Decodes image bytes; {@code source} names them in error messages (a file, a request). */
    public BufferedImage decode(byte[] bytes, String source) {
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new CaigException(source + ": not a readable image (" + e.getMessage() + ")", e);
        }
        if (decoded == null) {
            throw new CaigException(source + ": not an image (expected PNG or JPEG)");
        }
        if (decoded.getWidth() > maxSide || decoded.getHeight() > maxSide) {
            throw new CaigException(source + ": image is " + decoded.getWidth() + "x" + decoded.getHeight()
                    + " pixels, over the limit of " + maxSide + " per side");
        }
        BufferedImage argb = toArgbWithMask(decoded);
        if (!hasProductPixels(argb)) {
            throw new CaigException(source + ": no product pixels (the image is fully transparent or pure white)");
        }
        return argb;
    }

    static BufferedImage toArgbWithMask(BufferedImage decoded) {
        boolean hasAlpha = decoded.getColorModel().hasAlpha();
        int w = decoded.getWidth();
        int h = decoded.getHeight();
        BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            decoded.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                if (!hasAlpha) {
                    p = (p & 0x00FFFFFF) == 0x00FFFFFF ? 0x00FFFFFF : (p | 0xFF000000);
                }
                row[x] = p;
            }
            argb.setRGB(0, y, w, 1, row, 0, w);
        }
        return argb;
    }

    /** True when at least one pixel has alpha >= 0.5, the paper's product threshold. */
    static boolean hasProductPixels(BufferedImage argb) {
        int w = argb.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < argb.getHeight(); y++) {
            argb.getRGB(0, y, w, 1, row, 0, w);
            for (int p : row) {
                if ((p >>> 24) >= 128) {
                    return true;
                }
            }
        }
        return false;
    }
}

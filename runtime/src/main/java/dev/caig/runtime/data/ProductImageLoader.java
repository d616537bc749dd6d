package dev.caig.runtime.data;

import dev.caig.runtime.CaigException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

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

    /** Largest accepted file; a photo this big is a mistake, and reading it whole would waste memory. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    public BufferedImage load(Path file) {
        if (!Files.exists(file)) {
            throw new CaigException(file + ": image file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new CaigException(file + ": not a file (a folder or device where an image was expected)");
        }
        if (!Files.isReadable(file)) {
            throw new CaigException(file + ": cannot read image (permission denied)");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new CaigException(file + ": image file is " + size + " bytes, over the limit of " + MAX_FILE_BYTES);
            }
            return decode(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new CaigException(file + ": cannot read image: " + e.getMessage(), e);
        }
    }

    /** Decodes image bytes; {@code source} names them in error messages (a file, a request). */
    public BufferedImage decode(byte[] bytes, String source) {
        checkSizeFromHeader(bytes, source);
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

    /** Refuses a too-large image from its header, before decoding it into width x height x 4 bytes. */
    private void checkSizeFromHeader(byte[] bytes, String source) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return; // not an image: decode() says so
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w > maxSide || h > maxSide) {
                    throw new CaigException(source + ": image is " + w + "x" + h
                            + " pixels, over the limit of " + maxSide + " per side");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CaigException ce) {
                throw ce;
            }
            // A damaged header: let decode() report it.
        }
    }

    static BufferedImage toArgbWithMask(BufferedImage decoded) {
        boolean hasAlpha = decoded.getColorModel().hasAlpha();
        int w = decoded.getWidth();
        int h = decoded.getHeight();
        BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] out = ((DataBufferInt) argb.getRaster().getDataBuffer()).getData();
        if (!copyInterleavedBytes(decoded, out)) {
            decoded.getRGB(0, 0, w, h, out, 0, w);
        }
        if (!hasAlpha) {
            for (int i = 0; i < out.length; i++) {
                int p = out[i];
                out[i] = (p & 0x00FFFFFF) == 0x00FFFFFF ? 0x00FFFFFF : (p | 0xFF000000);
            }
        }
        return argb;
    }

    /**
     * Packs the two layouts ImageIO gives for 8-bit PNG and JPEG (ABGR, BGR bytes) straight from the raster: the
     * same values getRGB computes, without a colour-model call per pixel (a photo loads about twice as fast).
     */
    private static boolean copyInterleavedBytes(BufferedImage img, int[] out) {
        int type = img.getType();
        if ((type != BufferedImage.TYPE_4BYTE_ABGR && type != BufferedImage.TYPE_3BYTE_BGR)
                || img.getRaster().getParent() != null
                || !(img.getRaster().getDataBuffer() instanceof DataBufferByte buffer)
                || buffer.getNumBanks() != 1) {
            return false;
        }
        byte[] b = buffer.getData();
        int n = out.length;
        if (type == BufferedImage.TYPE_4BYTE_ABGR) {
            if (b.length < n * 4) {
                return false;
            }
            for (int i = 0, j = 0; i < n; i++, j += 4) {
                out[i] = (b[j] & 0xFF) << 24 | (b[j + 3] & 0xFF) << 16 | (b[j + 2] & 0xFF) << 8 | (b[j + 1] & 0xFF);
            }
        } else {
            if (b.length < n * 3) {
                return false;
            }
            for (int i = 0, j = 0; i < n; i++, j += 3) {
                out[i] = 0xFF000000 | (b[j + 2] & 0xFF) << 16 | (b[j + 1] & 0xFF) << 8 | (b[j] & 0xFF);
            }
        }
        return true;
    }

    /** True when at least one pixel has alpha >= 0.5, the paper's product threshold. */
    static boolean hasProductPixels(BufferedImage argb) {
        for (int p : ((DataBufferInt) argb.getRaster().getDataBuffer()).getData()) {
            if ((p >>> 24) >= 128) {
                return true;
            }
        }
        return false;
    }
}

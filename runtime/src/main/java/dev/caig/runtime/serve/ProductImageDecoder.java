package dev.caig.runtime.serve;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.ProductImageLoader;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Decodes an uploaded product photo within the server's limits: bytes and pixels are checked before decoding
 * (the pixel count from the header, so a small file declaring a huge image costs nothing), only PNG and JPEG
 * are accepted, and decoding goes through {@link ProductImageLoader} for the product mask.
 */
public final class ProductImageDecoder {
    private static final Set<String> FORMATS = Set.of("png", "jpeg");

    private final long maxBytes;
    private final long maxPixels;
    private final ProductImageLoader loader;

    public ProductImageDecoder(long maxBytes, long maxPixels) {
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
        // The pixel limit is the one that matters; no side can exceed it.
        this.loader = new ProductImageLoader((int) Math.min(Integer.MAX_VALUE, maxPixels));
    }

    BufferedImage decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw invalid("the image is empty");
        }
        if (bytes.length > maxBytes) {
            throw ProblemException.invalid(413, "image-too-large", "Image too large",
                    "the image is " + bytes.length + " bytes, over the limit of " + maxBytes);
        }
        checkHeader(bytes);
        try {
            return loader.decode(bytes, "image");
        } catch (CaigException e) {
            // ProductImageLoader words its one user error that is not about the bytes this way.
            if (e.getMessage() != null && e.getMessage().contains("no product pixels")) {
                throw ProblemException.invalid(422, "no-product-pixels", "No product pixels",
                        "the image has no product pixels: it is fully transparent or pure white (255,255,255)");
            }
            throw invalid(e.getMessage());
        }
    }

    /** Format and dimensions from the header alone. */
    private void checkHeader(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw invalid("the image is not a PNG or JPEG file");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!FORMATS.contains(format)) {
                    throw invalid("the image is " + format + "; send PNG or JPEG");
                }
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw ProblemException.invalid(413, "too-many-pixels", "Image has too many pixels",
                            "the image is " + reader.getWidth(0) + "x" + reader.getHeight(0) + " = " + pixels
                                    + " pixels, over the limit of " + maxPixels);
                }
                if (pixels <= 0) {
                    throw invalid("the image has no pixels");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException pe) {
                throw pe;
            }
            throw invalid("the image header is damaged (" + e.getMessage() + ")");
        }
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-image", "Invalid image", detail);
    }
}

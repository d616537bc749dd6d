package dev.caig.runtime.data;

import dev.caig.runtime.CaigException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Reads an image file (creatives, pair images), failing with a message that names the file. */
public final class ImageFiles {
    private ImageFiles() {
    }

    public static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new CaigException(file + ": not a PNG or JPEG");
            }
            return image;
        } catch (IOException e) {
            throw new CaigException(file + ": cannot read image: " + e.getMessage() + cause(e), e);
        }
    }

    /** The decoder's own cause, which ImageIO hides behind "Caught exception during read" (e.g. running out of heap). */
    private static String cause(IOException e) {
        Throwable cause = e.getCause();
        if (cause instanceof OutOfMemoryError) {
            return " (out of memory: give the JVM more heap, e.g. CAIG_JAVA_OPTS=-Xmx4g)";
        }
        return cause == null ? "" : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
}

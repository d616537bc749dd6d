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
            throw new CaigException(file + ": cannot read image: " + e.getMessage(), e);
        }
    }
}

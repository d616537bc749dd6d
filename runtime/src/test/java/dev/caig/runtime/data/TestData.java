package dev.caig.runtime.data;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/** Test inputs: the shared caig-tiny catalog and small generated images. */
public final class TestData {
    private TestData() {
    }

    /**
     * {@code shared/data/caig-tiny} beside the repository (the repository root's parent holds {@code shared/}),
     * found by walking up from the working directory; {@code CAIG_TINY_DIR} overrides.
     */
    public static Path caigTiny() {
        String override = System.getenv("CAIG_TINY_DIR");
        if (override != null && Files.isRegularFile(Path.of(override, "tiny.json"))) {
            return Path.of(override);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data/caig-tiny");
            if (Files.isRegularFile(candidate.resolve("tiny.json"))) {
                return candidate;
            }
        }
        return fail("shared/data/caig-tiny/tiny.json not found above " + Path.of("").toAbsolutePath()
                + ": the repository's parent folder must hold shared/ (or set CAIG_TINY_DIR)");
    }

    /** An RGBA PNG: transparent background with an opaque coloured square in the middle. */
    public static Path productPng(Path file, int size) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 40, 40, 255));
        g.fillRect(size / 4, size / 4, size / 2, size / 2);
        g.dispose();
        return write(file, img, "png");
    }

    /** A fully transparent PNG: no product pixels. */
    public static Path emptyPng(Path file, int size) throws IOException {
        return write(file, new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB), "png");
    }

    /** An RGB image on pure white with a dark product square, in {@code format} (png or jpg). */
    static Path productOnWhite(Path file, int size, String format) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(20, 60, 120));
        g.fillRect(size / 4, size / 4, size / 2, size / 2);
        g.dispose();
        return write(file, img, format);
    }

    private static Path write(Path file, BufferedImage img, String format) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
        return file;
    }
}

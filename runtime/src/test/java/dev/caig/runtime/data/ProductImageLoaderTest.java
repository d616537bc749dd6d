package dev.caig.runtime.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProductImageLoaderTest {

    @TempDir
    Path tmp;

    /** Photo 1 decodes as 8-bit ABGR (fast path), photo 6 as indexed colour (generic path): both must be exact. */
    @Test
    void rgbaPhotosKeepEveryPixelExactly() throws IOException {
        for (String name : new String[] {"1.png", "6.png"}) {
            Path file = TestData.caigTiny().resolve("images").resolve(name);
            assertSamePixels(ImageIO.read(file.toFile()), new ProductImageLoader().load(file), name);
        }
    }

    @Test
    void rgbPhotosKeepTheirColoursAndLoseOnlyThePureWhite() throws IOException {
        for (String format : new String[] {"jpg", "png"}) {
            Path file = TestData.productOnWhite(tmp.resolve("p." + format), 48, format);
            BufferedImage ref = ImageIO.read(file.toFile());
            BufferedImage loaded = new ProductImageLoader().load(file);
            for (int y = 0; y < ref.getHeight(); y++) {
                for (int x = 0; x < ref.getWidth(); x++) {
                    int rgb = ref.getRGB(x, y) & 0xFFFFFF;
                    int expected = rgb == 0xFFFFFF ? 0x00FFFFFF : 0xFF000000 | rgb;
                    assertEquals(expected, loaded.getRGB(x, y), format + " at " + x + "," + y);
                }
            }
        }
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual, String name) {
        assertEquals(expected.getWidth(), actual.getWidth());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                if (expected.getRGB(x, y) != actual.getRGB(x, y)) {
                    assertEquals(expected.getRGB(x, y), actual.getRGB(x, y), name + " at " + x + "," + y);
                }
            }
        }
    }
}

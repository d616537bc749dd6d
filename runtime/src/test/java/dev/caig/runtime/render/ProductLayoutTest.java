package dev.caig.runtime.render;

import dev.caig.runtime.data.ProductImageLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductLayoutTest {

    static final Path TINY = Path.of(System.getProperty("caig.tiny", "../../shared/data/caig-tiny"));

    static BufferedImage tinyPhoto(int id) {
        Path dir = TINY.toAbsolutePath().normalize();
        if (!dir.toFile().isDirectory()) {
            dir = Path.of("/work/shared/data/caig-tiny");
        }
        return new ProductImageLoader().load(dir.resolve("images/" + id + ".png"));
    }

    @Test
    void alphaBoxIsTheBoxOfPixelsWithAlphaAtLeastHalf() {
        BufferedImage img = new BufferedImage(50, 40, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(10, 5, 0xFF112233);
        img.setRGB(30, 20, 0x80112233);
        img.setRGB(45, 35, 0x7F112233); // alpha 127 < 0.5: not product
        assertEquals(new Rectangle(10, 5, 21, 16), ProductLayout.alphaBox(img));
    }

    @Test
    void placementFitsTheLongerSideTo78PercentAndCentres() {
        Rectangle wide = ProductLayout.placement(200, 100, 256);
        assertEquals(200, wide.width); // round(0.78 * 256) = 200
        assertEquals(100, wide.height);
        assertEquals(28, wide.x);
        assertEquals(78, wide.y);
        Rectangle tall = ProductLayout.placement(30, 90, 64);
        assertEquals(50, tall.height);
        assertEquals(17, tall.width);
    }

    @Test
    void syntheticProductLandsInItsPlacementWithAspectKept() {
        BufferedImage img = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
        for (int y = 100; y < 260; y++) {
            for (int x = 50; x < 130; x++) {
                img.setRGB(x, y, 0xFF3366CC);
            }
        }
        LaidOutProduct laid = ProductLayout.layout(img, 128);
        Rectangle box = laid.box();
        assertEquals(new Rectangle(39, 14, 50, 100), box);
        assertEquals(box, ProductLayout.alphaBox(laid.image()));
        assertEquals(0xFF3366CC, laid.image().getRGB(64, 64));
        assertEquals(0, laid.image().getRGB(5, 5) >>> 24);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void caigTinyPhotosFillAndCentre(int id) {
        BufferedImage photo = tinyPhoto(id);
        for (int size : new int[] {64, 256}) {
            LaidOutProduct laid = ProductLayout.layout(photo, size);
            Rectangle box = laid.box();
            assertEquals(Math.round(0.78 * size), Math.max(box.width, box.height), "longer side, size " + size);
            Rectangle src = ProductLayout.alphaBox(photo);
            double aspectIn = (double) src.width / src.height, aspectOut = (double) box.width / box.height;
            assertEquals(aspectIn, aspectOut, 2.0 / Math.min(box.width, box.height) * Math.max(1, aspectIn));
            assertTrue(Math.abs(box.x + box.width / 2.0 - size / 2.0) <= 1, "centred horizontally");
            assertTrue(Math.abs(box.y + box.height / 2.0 - size / 2.0) <= 1, "centred vertically");
            Rectangle found = ProductLayout.alphaBox(laid.image());
            assertTrue(box.contains(found), "no product pixels outside the box");
        }
    }
}

package dev.caig.runtime.render;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdImageComposerTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyProductPixelIsExactlyTheLaidOutProduct(int id) {
        LaidOutProduct laid = ProductLayout.layout(ProductLayoutTest.tinyPhoto(id), 256);
        BufferedImage bg = new ProceduralBackgroundRenderer()
                .render("wooden surface, kitchen counter, warm lamp light, fruit, leaves, bokeh", 42, 256);
        BufferedImage ad = new AdImageComposer(true).compose(bg, laid);
        int opaque = 0, partial = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int p = laid.image().getRGB(x, y);
                int a = p >>> 24;
                int out = ad.getRGB(x, y) & 0xFFFFFF;
                if (a >= 128) { // includes every alpha-255 pixel
                    opaque++;
                    assertEquals(p & 0xFFFFFF, out, "product pixel " + x + "," + y);
                } else if (a == 0) {
                    // Outside the product only the shadow may change the background, and only darker.
                    int b = bg.getRGB(x, y);
                    assertTrue(((out >> 8) & 255) <= ((b >> 8) & 255));
                } else {
                    partial++;
                }
            }
        }
        assertTrue(opaque > 1000, "product has opaque pixels");
        assertTrue(partial > 0, "edges blend");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 7})
    void exactAtSmallSizesToo(int id) {
        LaidOutProduct laid = ProductLayout.layout(ProductLayoutTest.tinyPhoto(id), 64);
        BufferedImage ad = new AdImageComposer().compose(new ProceduralBackgroundRenderer().render("beach", 1, 64), laid);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int p = laid.image().getRGB(x, y);
                if (p >>> 24 >= 128) {
                    assertEquals(p & 0xFFFFFF, ad.getRGB(x, y) & 0xFFFFFF);
                }
            }
        }
    }
}

package dev.caig.runtime.render;

import dev.caig.runtime.text.DescriptionGenerator;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProceduralBackgroundRendererTest {

    private final ProceduralBackgroundRenderer renderer = new ProceduralBackgroundRenderer();

    static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void sameDescriptionAndSeedGiveIdenticalPixels() {
        DescriptionGenerator generator = new DescriptionGenerator(11);
        for (int i = 0; i < 30; i++) {
            String d = generator.next();
            assertArrayEquals(pixels(renderer.render(d, 42, 96)), pixels(renderer.render(d, 42, 96)), d);
        }
    }

    @Test
    void differentDescriptionsGiveDifferentImages() {
        BufferedImage a = renderer.render("marble surface, bathroom shelf, soft daylight, pastel pink tones", 42, 64);
        BufferedImage b = renderer.render("wooden surface, kitchen counter, warm lamp light, earthy tones", 42, 64);
        assertTrue(meanAbsDiff(a, b) > 10, "scenes should differ clearly");
    }

    @Test
    void unknownWordsAreIgnored() {
        BufferedImage a = renderer.render("sand, beach, golden hour, seashells", 42, 64);
        BufferedImage b = renderer.render("Glorious SAND by the beach ... golden hour (with seashells), trending on artstation", 42, 64);
        assertArrayEquals(pixels(a), pixels(b));
    }

    @Test
    void seedChangesDetailsButNotTheScene() {
        BufferedImage a = renderer.render("outdoor garden, grass, flowers", 1, 64);
        BufferedImage b = renderer.render("outdoor garden, grass, flowers", 2, 64);
        assertFalse(java.util.Arrays.equals(pixels(a), pixels(b)));
        assertTrue(meanAbsDiff(a, b) < 40);
    }

    @Test
    void rendersEveryRandomDescriptionAtSmallAndLargeSizesWithoutFlatImages() {
        DescriptionGenerator generator = new DescriptionGenerator(3);
        for (int i = 0; i < 60; i++) {
            String d = generator.next();
            for (int size : new int[] {32, 64, 160}) {
                BufferedImage img = renderer.render(d, i, size);
                assertEquals(size, img.getWidth());
                assertTrue(stddevLuma(img) > 3, "not flat: " + d);
            }
        }
    }

    static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        int[] pa = pixels(a), pb = pixels(b);
        double sum = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int s = 0; s < 24; s += 8) {
                sum += Math.abs(((pa[i] >> s) & 255) - ((pb[i] >> s) & 255));
            }
        }
        return sum / (pa.length * 3.0);
    }

    static double stddevLuma(BufferedImage img) {
        int[] p = pixels(img);
        double s = 0, s2 = 0;
        for (int c : p) {
            double l = 0.3 * ((c >> 16) & 255) + 0.59 * ((c >> 8) & 255) + 0.11 * (c & 255);
            s += l;
            s2 += l * l;
        }
        double m = s / p.length;
        return Math.sqrt(s2 / p.length - m * m);
    }
}

package dev.caig.runtime.render;

import dev.caig.runtime.text.DescriptionGenerator;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class AdRendererTest {

    @Test
    void rendersTheSameAdAsTheStepsByHandAndCachesTheLayout() {
        BufferedImage photo = ProductLayoutTest.tinyPhoto(3);
        AdRenderer ads = new AdRenderer();
        String d = "linen cloth, kitchen counter, warm tones, fruit";
        BufferedImage byHand = new AdImageComposer().compose(new ProceduralBackgroundRenderer().render(d, 42, 64),
                ProductLayout.layout(photo, 64));
        assertArrayEquals(ProceduralBackgroundRendererTest.pixels(byHand),
                ProceduralBackgroundRendererTest.pixels(ads.render(photo, d, 42, 64)));
        assertSame(ads.layout(photo, 64), ads.layout(photo, 64));
    }

    @Test
    void pairImagePutsLeftThenRight() {
        BufferedImage left = new ProceduralBackgroundRenderer().render("beach", 1, 32);
        BufferedImage right = new ProceduralBackgroundRenderer().render("forest", 1, 32);
        BufferedImage pair = PairImage.sideBySide(left, right);
        assertEquals(64, pair.getWidth());
        assertEquals(left.getRGB(5, 7), pair.getRGB(5, 7));
        assertEquals(right.getRGB(5, 7), pair.getRGB(37, 7));
    }

    /** Prints renderer speed for the record; timing depends on the machine, so nothing is asserted. */
    @Test
    void printsRenderSpeed() {
        ProceduralBackgroundRenderer renderer = new ProceduralBackgroundRenderer();
        for (int size : new int[] {256, 64}) {
            DescriptionGenerator g = new DescriptionGenerator(size);
            int n = size == 256 ? 30 : 150;
            for (int i = 0; i < n / 3; i++) {
                renderer.render(g.next(), 42, size);
            }
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = System.nanoTime(), cpu0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                renderer.render(g.next(), 42, size);
            }
            double wall = (System.nanoTime() - t0) / 1e9, cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            // Per CPU-second is the number that holds on a shared machine; wall time depends on the load.
            System.out.printf("procedural background at %d px: %.0f images/s wall, %.0f per CPU-second (one thread)%n",
                    size, n / wall, n / cpu);
        }
    }
}

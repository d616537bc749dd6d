package dev.caig.runtime.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PatchMaskerTest {
    @Test
    void zeroesExactlyThreeQuartersOfThePatches() {
        int size = 64;
        int side = 8;
        PatchMasker masker = new PatchMasker(side, 0.75);
        float[] image = new float[3 * size * size];
        java.util.Arrays.fill(image, 200f);
        float[] masked = masker.mask(image, size, new Random(1));
        int patch = size / side;
        int zeroPatches = 0;
        for (int py = 0; py < side; py++) {
            for (int px = 0; px < side; px++) {
                int zeros = 0;
                for (int c = 0; c < 3; c++) {
                    for (int y = py * patch; y < (py + 1) * patch; y++) {
                        for (int x = px * patch; x < (px + 1) * patch; x++) {
                            zeros += masked[c * size * size + y * size + x] == 0f ? 1 : 0;
                        }
                    }
                }
                assertEquals(0, zeros % (3 * patch * patch), "a patch is either fully masked or untouched");
                zeroPatches += zeros == 3 * patch * patch ? 1 : 0;
            }
        }
        assertEquals((int) (0.75 * side * side), zeroPatches);
        assertEquals(200f, image[0], "the input is not modified");
    }
}

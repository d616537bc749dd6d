package dev.caig.runtime.market;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClickSimulatorTest {

    @Test
    void impressionsAreHeavyTailed() {
        SplittableRandom r = new SplittableRandom(1);
        long[] n = new long[20_000];
        for (int i = 0; i < n.length; i++) {
            n[i] = ClickSimulator.impressions(r);
        }
        Arrays.sort(n);
        double under1000 = Arrays.stream(n).filter(v -> v < 1000).count() / (double) n.length;
        assertTrue(under1000 > 0.25 && under1000 < 0.5, "many under 1,000: " + under1000);
        assertTrue(n[n.length / 2] > 1200 && n[n.length / 2] < 1800, "median ~1,500: " + n[n.length / 2]);
        assertTrue(n[n.length - 1] > 50_000, "long tail: max " + n[n.length - 1]);
        double mean = Arrays.stream(n).average().orElseThrow();
        assertTrue(mean > 1.8 * n[n.length / 2], "mean far above median");
    }

    @Test
    void clicksAreBinomial() {
        SplittableRandom r = new SplittableRandom(2);
        int trials = 2000;
        long n = 5000;
        double p = 0.012, sum = 0, sum2 = 0;
        for (int i = 0; i < trials; i++) {
            long c = ClickSimulator.clicks(n, p, r);
            assertTrue(c >= 0 && c <= n);
            sum += c;
            sum2 += (double) c * c;
        }
        double mean = sum / trials, var = sum2 / trials - mean * mean;
        assertEquals(n * p, mean, 0.6);
        assertEquals(n * p * (1 - p), var, 8);
        assertEquals(0, ClickSimulator.clicks(100, 0, r));
        assertEquals(100, ClickSimulator.clicks(100, 1, r));
    }
}

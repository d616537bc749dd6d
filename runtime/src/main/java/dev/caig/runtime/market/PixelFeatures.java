package dev.caig.runtime.market;

import java.awt.image.BufferedImage;

/**
 * What the hidden CTR model measures on a rendered ad, on a grid of about 64 x 64 samples so the cost does not
 * grow with the image size.
 *
 * @param contrast   mean RGB distance (0-1) across the product's outline: product pixel vs the background next to it
 * @param brightness mean luma (0-1) of the background
 * @param saturation mean HSV saturation (0-1) of the background
 * @param clutter    mean luma step (0-1) between neighbouring background samples: edges, texture, busy props
 */
public record PixelFeatures(double contrast, double brightness, double saturation, double clutter) {

    private static final int GRID = 64;

    /** Measures an ad whose product mask (alpha 0-255, row-major, same size) is {@code alpha}. */
    public static PixelFeatures measure(BufferedImage ad, int[] alpha) {
        int n = ad.getWidth();
        if (ad.getHeight() != n || alpha.length != n * n) {
            throw new IllegalArgumentException("ad and mask must be the same square size");
        }
        int step = Math.max(1, n / GRID);
        int m = n / step;
        int[] rgb = new int[m * m];
        boolean[] product = new boolean[m * m];
        int[] row = new int[n];
        for (int j = 0; j < m; j++) {
            int y = j * step + step / 2;
            ad.getRGB(0, y, n, 1, row, 0, n);
            for (int i = 0; i < m; i++) {
                int x = i * step + step / 2;
                rgb[j * m + i] = row[x];
                product[j * m + i] = alpha[y * n + x] >= 128;
            }
        }
        double lumaSum = 0, satSum = 0, clutterSum = 0, contrastSum = 0;
        int bg = 0, edges = 0, outline = 0;
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                int k = j * m + i;
                if (product[k]) {
                    continue;
                }
                int c = rgb[k];
                lumaSum += luma(c);
                satSum += saturation(c);
                bg++;
                for (int[] d : new int[][] {{1, 0}, {0, 1}, {-1, 0}, {0, -1}}) {
                    int ni = i + d[0], nj = j + d[1];
                    if (ni < 0 || nj < 0 || ni >= m || nj >= m) {
                        continue;
                    }
                    int nk = nj * m + ni;
                    if (product[nk]) {
                        contrastSum += distance(c, rgb[nk]);
                        outline++;
                    } else if (d[0] + d[1] > 0) {
                        clutterSum += Math.abs(luma(c) - luma(rgb[nk]));
                        edges++;
                    }
                }
            }
        }
        return new PixelFeatures(outline == 0 ? 0 : contrastSum / outline, bg == 0 ? 0 : lumaSum / bg,
                bg == 0 ? 0 : satSum / bg, edges == 0 ? 0 : clutterSum / edges);
    }

    static double luma(int c) {
        return (0.299 * ((c >> 16) & 255) + 0.587 * ((c >> 8) & 255) + 0.114 * (c & 255)) / 255.0;
    }

    private static double saturation(int c) {
        int r = (c >> 16) & 255, g = (c >> 8) & 255, b = c & 255;
        int max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
        return max == 0 ? 0 : (max - min) / (double) max;
    }

    private static double distance(int a, int b) {
        double dr = ((a >> 16) & 255) - ((b >> 16) & 255);
        double dg = ((a >> 8) & 255) - ((b >> 8) & 255);
        double db = (a & 255) - (b & 255);
        return Math.sqrt(dr * dr + dg * dg + db * db) / 441.673;
    }
}

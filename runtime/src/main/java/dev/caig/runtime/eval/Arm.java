package dev.caig.runtime.eval;

import java.awt.image.BufferedImage;
import java.util.List;

/** The creatives one arm shows: per held-out product, its descriptions and rendered ads, in product order. */
record Arm(String name, List<Creative> creatives) {
    record Creative(String productId, String description, BufferedImage ad) {
    }
}

package dev.caig.runtime.market;

import java.awt.image.BufferedImage;

/**
 * A product of the simulated market: what the catalog shows (id, title, picture) plus what only the market knows
 * (category, look, the title's selling point).
 *
 * @param trait the title's selling point, or null when the title has none
 * @param image RGBA picture on a transparent background
 */
public record MarketProduct(String id, Category category, String title, ProductLook look, TitleTrait trait,
                            BufferedImage image) {
}

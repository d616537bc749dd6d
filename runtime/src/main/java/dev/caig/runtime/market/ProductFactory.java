package dev.caig.runtime.market;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Makes the market's products: category, title from the category vocabulary (sometimes with a selling point),
 * look and picture. Product {@code i} of a seed is always the same, whatever else is generated.
 */
public final class ProductFactory {

    /** Side of the product pictures. */
    public static final int IMAGE_SIZE = 256;

    static final List<String> BRANDS = List.of("Lumora", "Velora", "Nordvik", "Kiyo", "Solenne", "Brightfield",
            "Aurelle", "Oakridge", "Zephyr", "Mirelle", "Koda", "Bellamy", "Vantage", "Pureleaf", "Cobalt", "Hikari",
            "Greenway", "Astra", "Pawsome", "Tidal", "Ember", "Maple & Co", "Orbis", "Sable", "Juniper", "Nimbus");

    private final long seed;
    private final ProductPainter painter = new ProductPainter(IMAGE_SIZE);

    public ProductFactory(long seed) {
        this.seed = seed;
    }

    /** Product number {@code index}; categories cycle so every category appears once N >= 10. */
    public MarketProduct create(int index) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 1);
        Category category = Category.values()[index % Category.values().length];
        String brand = pick(BRANDS, r);
        String noun = pick(category.nouns(), r);
        String attribute = pick(category.attributes(), r);
        String size = pick(category.sizes(), r);
        TitleTrait trait = r.nextDouble() < 0.5 ? TitleTrait.values()[r.nextInt(TitleTrait.values().length)] : null;
        String title = brand + " " + attribute + " " + noun + " " + size
                + (trait == null ? "" : ", " + pick(trait.phrases(), r));
        int body = category.color(r.nextInt(category.colorCount()));
        int label = r.nextDouble() < 0.5 ? 0xF6F4EE : category.color(r.nextInt(category.colorCount()));
        if (label == body) {
            label = 0xF6F4EE;
        }
        int accent = r.nextDouble() < 0.4 ? 0xD4AF37 : category.color(r.nextInt(category.colorCount()));
        ProductShape shape = pick(category.shapes(), r);
        ProductLook look = new ProductLook(shape, body, label, accent, brand.toUpperCase(Locale.ROOT),
                r.nextBoolean(), 0.85 + 0.3 * r.nextDouble());
        String id = String.format(Locale.ROOT, "p%05d", index);
        return new MarketProduct(id, category, title, look, trait, painter.paint(look));
    }

    private static <T> T pick(List<T> values, SplittableRandom r) {
        return values.get(r.nextInt(values.size()));
    }
}

package dev.caig.runtime.stage;

import dev.caig.runtime.data.Catalog;
import dev.caig.runtime.data.CatalogReader;
import dev.caig.runtime.data.ClickLog;
import dev.caig.runtime.data.ClickLogReader;
import dev.caig.runtime.data.Creative;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data the training stages read: products (id, title, photo with its mask) and, per product, its historical
 * creatives with their images. Loaded with the validating readers, so bad input stops a stage before any training
 * with every problem listed.
 */
public final class TrainingData {
    /** A product with its decoded photo (ARGB, alpha = product mask). */
    public record Product(String id, String title, BufferedImage image) {
    }

    /** A creative with the resolved path of its ad image. */
    public record CreativeImage(String productId, Creative creative, Path image) {
    }

    private final List<Product> products;
    private final ClickLog clickLog;
    private final Map<String, List<CreativeImage>> creatives;

    private TrainingData(List<Product> products, ClickLog clickLog, Map<String, List<CreativeImage>> creatives) {
        this.products = products;
        this.clickLog = clickLog;
        this.creatives = creatives;
    }

    /** @param clickLogFile null when the stage needs the catalog only */
    public static TrainingData load(Path catalogFile, Path clickLogFile) {
        Catalog catalog = new CatalogReader().read(catalogFile);
        List<Product> products = new ArrayList<>();
        for (Catalog.Item item : catalog.items()) {
            products.add(new Product(item.id(), item.title(), catalog.loadImage(item)));
        }
        ClickLog log = clickLogFile == null ? null : new ClickLogReader().read(clickLogFile, catalog);
        Map<String, List<CreativeImage>> creatives = new LinkedHashMap<>();
        if (log != null) {
            log.byProduct().forEach((productId, list) -> creatives.put(productId, list.stream()
                    .map(c -> new CreativeImage(productId, c, log.imagePath(c))).toList()));
        }
        return new TrainingData(List.copyOf(products), log, creatives);
    }

    public List<Product> products() {
        return products;
    }

    public List<Product> products(Set<String> ids) {
        return products.stream().filter(p -> ids.contains(p.id())).toList();
    }

    public List<String> productIds() {
        return products.stream().map(Product::id).toList();
    }

    /** The click log, or null when none was loaded. */
    public ClickLog clickLog() {
        return clickLog;
    }

    public Map<String, List<CreativeImage>> creatives() {
        return creatives;
    }
}

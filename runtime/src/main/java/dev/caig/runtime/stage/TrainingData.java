package dev.caig.runtime.stage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.CatalogEntry;
import dev.caig.runtime.data.Creative;
import dev.caig.runtime.data.ProductImageLoader;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data the training stages read: products (id, title, photo with its mask) and, per product, its historical
 * creatives with their images. Loaded from a catalog and click logs in the paper's formats.
 */
public final class TrainingData {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A product with its decoded photo (ARGB, alpha = product mask). */
    public record Product(String id, String title, BufferedImage image) {
    }

    /** A creative with the resolved path of its ad image. */
    public record CreativeImage(String productId, Creative creative, Path image) {
    }

    private final List<Product> products;
    private final Map<String, List<CreativeImage>> creatives;

    private TrainingData(List<Product> products, Map<String, List<CreativeImage>> creatives) {
        this.products = products;
        this.creatives = creatives;
    }

    public static TrainingData load(Path catalogFile, Path clickLogFile) {
        ProductImageLoader loader = new ProductImageLoader();
        List<Product> products = new ArrayList<>();
        for (CatalogEntry e : read(catalogFile, new TypeReference<List<CatalogEntry>>() { })) {
            products.add(new Product(e.id(), e.title(), loader.load(catalogFile.resolveSibling(e.image()))));
        }
        Map<String, List<CreativeImage>> creatives = new LinkedHashMap<>();
        if (clickLogFile != null) {
            Map<String, List<Creative>> log = read(clickLogFile, new TypeReference<Map<String, List<Creative>>>() { });
            log.forEach((productId, list) -> creatives.put(productId, list.stream()
                    .map(c -> new CreativeImage(productId, c, clickLogFile.resolveSibling(c.image()))).toList()));
        }
        return new TrainingData(List.copyOf(products), creatives);
    }

    private static <T> T read(Path file, TypeReference<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new CaigException(file + ": cannot read: " + e.getMessage(), e);
        }
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

    public Map<String, List<CreativeImage>> creatives() {
        return creatives;
    }
}

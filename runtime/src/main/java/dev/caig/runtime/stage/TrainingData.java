package dev.caig.runtime.stage;

import dev.caig.runtime.data.Catalog;
import dev.caig.runtime.data.CatalogReader;
import dev.caig.runtime.data.ClickLog;
import dev.caig.runtime.data.ClickLogReader;
import dev.caig.runtime.data.Creative;
import dev.caig.runtime.data.Validated;
import dev.caig.runtime.data.ValidationException;
import dev.caig.runtime.data.ValidationReport;

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
        return load(new UserDataFiles.Local(catalogFile, catalogFile.toString()),
                clickLogFile == null ? null : new UserDataFiles.Local(clickLogFile, clickLogFile.toString()));
    }

    /**
     * Validates the catalog and the click log together and stops on any problem, listing every problem of both
     * files at once (each under the name the user gave); problems of the click log's entries for products whose
     * catalog entry is bad are listed too, not hidden behind "unknown product".
     *
     * @param clickLogFile null when the stage needs the catalog only
     */
    public static TrainingData load(UserDataFiles.Local catalogFile, UserDataFiles.Local clickLogFile) {
        Validated<Catalog> catalog = new CatalogReader().validate(catalogFile.file(), catalogFile.source());
        Validated<ClickLog> log = null;
        if (clickLogFile != null) {
            log = new ClickLogReader().validate(clickLogFile.file(), clickLogFile.source(), catalog);
        }
        List<ValidationReport> reports = new ArrayList<>(List.of(catalog.report()));
        if (log != null) {
            reports.add(log.report());
        }
        if (reports.stream().anyMatch(r -> !r.ok())) {
            throw new ValidationException(reports);
        }
        List<Product> products = new ArrayList<>();
        for (Catalog.Item item : catalog.value().items()) {
            products.add(new Product(item.id(), item.title(), catalog.value().loadImage(item)));
        }
        ClickLog clickLog = log == null ? null : log.value();
        Map<String, List<CreativeImage>> creatives = new LinkedHashMap<>();
        if (clickLog != null) {
            clickLog.byProduct().forEach((productId, list) -> creatives.put(productId, list.stream()
                    .map(c -> new CreativeImage(productId, c, clickLog.imagePath(c))).toList()));
        }
        return new TrainingData(List.copyOf(products), clickLog, creatives);
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

package dev.caig.runtime.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validated click logs: each product's historical creatives and how they performed, in file order. */
public final class ClickLog {

    private final Path file;
    private final Map<String, List<Creative>> byProduct;

    /** {@code file} is where the log lives: creative images are resolved against its folder. */
    public ClickLog(Path file, Map<String, List<Creative>> byProduct) {
        this.file = file;
        Map<String, List<Creative>> copy = new LinkedHashMap<>();
        byProduct.forEach((id, creatives) -> copy.put(id, List.copyOf(creatives)));
        this.byProduct = Collections.unmodifiableMap(copy);
    }

    public Path file() {
        return file;
    }

    /** Product id to its creatives, in file order. */
    public Map<String, List<Creative>> byProduct() {
        return byProduct;
    }

    public List<Creative> creatives(String productId) {
        return byProduct.getOrDefault(productId, List.of());
    }

    /** The ad image of a creative, resolved against the log file's folder. */
    public Path imagePath(Creative creative) {
        return JsonInputs.resolve(file, creative.image());
    }

    public int productCount() {
        return byProduct.size();
    }

    public int creativeCount() {
        return byProduct.values().stream().mapToInt(List::size).sum();
    }

    public long totalImpressions() {
        return byProduct.values().stream().flatMap(List::stream).mapToLong(Creative::impressions).sum();
    }

    public long totalClicks() {
        return byProduct.values().stream().flatMap(List::stream).mapToLong(Creative::clicks).sum();
    }
}

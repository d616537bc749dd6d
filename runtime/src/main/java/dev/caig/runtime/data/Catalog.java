package dev.caig.runtime.data;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A validated product catalog: products in file order with their photos resolved to local paths. */
public final class Catalog {

    /**
     * One product.
     *
     * @param id    product id, unique in the catalog
     * @param title the product title
     * @param image the product photo, resolved against the catalog file's folder
     */
    public record Item(String id, String title, Path image) {
    }

    private final Path file;
    private final Map<String, Item> items;
    private final ProductImageLoader loader;

    public Catalog(Path file, List<Item> items, ProductImageLoader loader) {
        this.file = file;
        Map<String, Item> byId = new LinkedHashMap<>();
        for (Item item : items) {
            if (byId.putIfAbsent(item.id(), item) != null) {
                throw new IllegalArgumentException("duplicate product id " + item.id());
            }
        }
        this.items = Collections.unmodifiableMap(byId);
        this.loader = loader;
    }

    /** The catalog file it was read from. */
    public Path file() {
        return file;
    }

    public List<Item> items() {
        return List.copyOf(items.values());
    }

    public int size() {
        return items.size();
    }

    public Set<String> ids() {
        return items.keySet();
    }

    public boolean contains(String id) {
        return items.containsKey(id);
    }

    public Optional<Item> find(String id) {
        return Optional.ofNullable(items.get(id));
    }

    /** The product photo as ARGB with the product mask in alpha (see {@link ProductImageLoader}). */
    public BufferedImage loadImage(Item item) {
        return loader.load(item.image());
    }

    /** The entries in the file format, image paths relative to {@code catalogFile}'s folder (for writing a copy). */
    public List<CatalogEntry> toEntries(Path catalogFile) {
        Path dir = catalogFile.toAbsolutePath().getParent();
        return items.values().stream()
                .map(i -> new CatalogEntry(i.id(), dir.relativize(i.image().toAbsolutePath()).toString().replace('\\', '/'),
                        i.title()))
                .toList();
    }
}

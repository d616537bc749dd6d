package dev.caig.runtime.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.CatalogEntry;
import dev.caig.runtime.data.ProductImageLoader;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a local {@code tiny.json} catalog and its product photos for {@code caig render}. Kept minimal and in one
 * place so the validating catalog reader of the data package can replace it.
 */
final class SimpleCatalogReader {

    /** A catalog entry with its decoded photo (ARGB, alpha = product mask). */
    record Product(CatalogEntry entry, BufferedImage image) {
    }

    private final ProductImageLoader loader = new ProductImageLoader();

    List<Product> read(Path catalogFile) {
        if (!Files.isRegularFile(catalogFile)) {
            throw new CaigException(catalogFile + ": catalog file not found");
        }
        List<CatalogEntry> entries;
        try {
            entries = new ObjectMapper().readValue(catalogFile.toFile(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new CaigException(catalogFile + ": not a catalog (expected a JSON list of {id, image, new_caption}): "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (entries == null || entries.isEmpty()) {
            throw new CaigException(catalogFile + ": the catalog lists no products");
        }
        Path dir = catalogFile.toAbsolutePath().getParent();
        List<Product> products = new ArrayList<>();
        for (CatalogEntry e : entries) {
            if (e == null || e.id() == null || e.image() == null) {
                throw new CaigException(catalogFile + ": an entry lacks 'id' or 'image'");
            }
            products.add(new Product(e, loader.load(dir.resolve(e.image()))));
        }
        return products;
    }
}

package dev.caig.runtime.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caig.runtime.CaigException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a product catalog in the paper's {@code tiny.json} format (a JSON list of {@code {"id","image","new_caption"}},
 * images relative to the file) and checks every entry, photos included, reporting all problems at once.
 */
public final class CatalogReader {

    /** The catalog file name looked for in a folder (the paper's {@code tiny.json} is accepted too). */
    public static final String CATALOG_FILE = "catalog.json";

    private final ProductImageLoader loader;

    public CatalogReader() {
        this(new ProductImageLoader());
    }

    /** With a loader of another size limit. */
    public CatalogReader(ProductImageLoader loader) {
        this.loader = loader;
    }

    /** The catalog (a file, or a folder holding one); a {@link ValidationException} listing every problem if any. */
    public Catalog read(Path fileOrFolder) {
        return validate(fileOrFolder).orThrow();
    }

    /**
     * The valid entries and the report of all problems (the file, each entry's id and index, what is wrong).
     * {@code fileOrFolder} may be a folder holding {@code catalog.json} or {@code tiny.json}.
     */
    public Validated<Catalog> validate(Path fileOrFolder) {
        return validate(fileOrFolder, null);
    }

    /**
     * As {@link #validate(Path)}, with problems reported under {@code source} (what the user named, e.g. the s3://
     * URI of a downloaded copy) instead of the local path; null for the local path.
     */
    public Validated<Catalog> validate(Path fileOrFolder, String source) {
        Path file = locate(fileOrFolder);
        ValidationReport report = new ValidationReport(source != null ? source : file.toString());
        List<Catalog.Item> items = new ArrayList<>();
        JsonInputs.readTree(file, report).ifPresent(root -> {
            if (!root.isArray()) {
                report.addFileProblem("expected a JSON list of {\"id\", \"image\", \"new_caption\"} objects, found "
                        + root.getNodeType().toString().toLowerCase());
                return;
            }
            if (root.isEmpty()) {
                report.addFileProblem("the catalog has no products");
            }
            Map<String, Integer> firstIndexOfId = new HashMap<>();
            for (int i = 0; i < root.size(); i++) {
                Catalog.Item item = checkEntry(file, i, root.get(i), firstIndexOfId, report);
                if (item != null) {
                    items.add(item);
                }
            }
        });
        return new Validated<>(new Catalog(file, items, loader), report);
    }

    /** A folder stands for the catalog file in it: {@code catalog.json}, else the paper's {@code tiny.json}. */
    public static Path locate(Path fileOrFolder) {
        if (!Files.isDirectory(fileOrFolder)) {
            return fileOrFolder;
        }
        Path tiny = fileOrFolder.resolve("tiny.json");
        Path catalog = fileOrFolder.resolve(CATALOG_FILE);
        return !Files.exists(catalog) && Files.exists(tiny) ? tiny : catalog;
    }

    /** Checks one entry; returns it when it has no problem. */
    private Catalog.Item checkEntry(Path file, int index, JsonNode entry, Map<String, Integer> firstIndexOfId,
                                    ValidationReport report) {
        if (!entry.isObject()) {
            report.add("entry [" + index + "]", "expected an object {\"id\", \"image\", \"new_caption\"}, found "
                    + entry.getNodeType().toString().toLowerCase());
            return null;
        }
        String id = JsonInputs.text(entry, "id", true);
        String where = "entry [" + index + "]" + (id == null ? "" : " id " + JsonInputs.quote(id));
        int before = report.problems().size();
        if (id == null) {
            report.addFor(id, where, JsonInputs.whyNotText(entry, "id"));
        } else {
            Integer first = firstIndexOfId.putIfAbsent(id, index);
            if (first != null) {
                report.addFor(id, where, "duplicate id (also entry [" + first + "])");
            }
        }
        String title = JsonInputs.text(entry, "new_caption", false);
        if (title == null) {
            report.addFor(id, where, JsonInputs.whyNotText(entry, "new_caption") + " (the product title)");
        }
        String image = JsonInputs.text(entry, "image", false);
        Path imagePath = null;
        if (image == null) {
            report.addFor(id, where, JsonInputs.whyNotText(entry, "image"));
        } else if (image.contains("://")) {
            report.addFor(id, where, "image " + JsonInputs.quote(image)
                    + " is a URI: fetch the catalog artifact and read its local copy, where images are local paths");
        } else {
            try {
                imagePath = JsonInputs.resolve(file, image);
                checkImage(imagePath);
            } catch (InvalidPathException e) {
                report.addFor(id, where, "image " + JsonInputs.quote(image) + ": not a valid path");
            } catch (CaigException e) {
                report.addFor(id, where, "image " + JsonInputs.quote(image) + ": " + withoutPathPrefix(e.getMessage(), imagePath));
            }
        }
        return report.problems().size() == before ? new Catalog.Item(id, title, imagePath) : null;
    }

    /** Decodes the photo: catches not-an-image, too large, no product pixels, missing and unreadable files. */
    private void checkImage(Path image) {
        loader.load(image);
    }

    private static String withoutPathPrefix(String message, Path path) {
        String prefix = path + ": ";
        return path != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}

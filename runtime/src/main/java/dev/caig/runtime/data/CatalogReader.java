package dev.caig.runtime.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.store.Sha256;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * Reads a product catalog in the paper's {@code tiny.json} format (a JSON list of {@code {"id","image","new_caption"}},
 * images relative to the file) and checks every entry, photos included, reporting all problems at once. It streams:
 * one entry is in memory at a time, so a catalog of millions of entries is checked in bounded memory (ids are kept as
 * 12-byte hashes for the duplicate check, see {@link SeenIds}). Fields beyond the three (brand, price, category, ...)
 * are accepted and named once as information. Every command that reads a catalog reads it here.
 */
public final class CatalogReader {

    /** The catalog file name looked for in a folder (the paper's {@code tiny.json} is accepted too). */
    public static final String CATALOG_FILE = "catalog.json";
    /** The fields caig reads; any other field of an entry is ignored. */
    public static final Set<String> FIELDS = Set.of("id", "image", "new_caption");

    private final ProductImageLoader loader;
    private final Consumer<String> info;

    public CatalogReader() {
        this(new ProductImageLoader());
    }

    /** With a loader of another size limit; information lines go to standard error. */
    public CatalogReader(ProductImageLoader loader) {
        this(loader, line -> System.err.println(line));
    }

    /** @param info told information lines (the ignored fields), once per read */
    public CatalogReader(ProductImageLoader loader, Consumer<String> info) {
        this.loader = loader;
        this.info = info;
    }

    /**
     * The catalog file read once for its syntax and shape, without keeping it.
     *
     * @param file    the catalog file
     * @param report  problems of the whole file (empty when it can be streamed)
     * @param entries how many entries the list has, bad ones included
     * @param sha256  the file's content digest, null when it could not be read
     */
    public record Scan(Path file, ValidationReport report, int entries, String sha256) {
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
     * URI of a downloaded copy) instead of the local path; null for the local path. Holds the entries (not their
     * photos) in memory: for training-sized catalogs; batch generation uses {@link #stream}.
     */
    public Validated<Catalog> validate(Path fileOrFolder, String source) {
        Path file = locate(fileOrFolder);
        List<Catalog.Item> items = new ArrayList<>();
        List<CheckedEntry> bad = new ArrayList<>();
        Scan scan = scan(fileOrFolder, source);
        stream(scan, index -> true, false, entry -> {
            if (entry.ok()) {
                items.add(entry.item());
            } else {
                bad.add(entry);
            }
        });
        ValidationReport report = scan.report();
        for (CheckedEntry entry : bad) {
            entry.problems().forEach(p -> report.addFor(entry.id(), entry.where(), p));
        }
        return new Validated<>(new Catalog(file, items, loader), report);
    }

    /** Reads the catalog once for its syntax, shape, size and digest (a file, or a folder holding one). */
    public Scan scan(Path fileOrFolder, String source) {
        Path file = locate(fileOrFolder);
        ValidationReport report = new ValidationReport(source != null ? source : file.toString());
        if (!Files.exists(file)) {
            report.addFileProblem("file not found");
            return new Scan(file, report, 0, null);
        }
        MessageDigest digest = Sha256.newDigest();
        int entries = 0;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest);
             JsonParser parser = JsonInputs.JSON.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                report.addFileProblem("empty file (expected JSON)");
                return new Scan(file, report, 0, null);
            }
            if (first != JsonToken.START_ARRAY) {
                JsonNode root = parser.readValueAsTree();
                report.addFileProblem("expected a JSON list of {\"id\", \"image\", \"new_caption\"} objects, found "
                        + root.getNodeType().toString().toLowerCase());
                return new Scan(file, report, 0, null);
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                parser.skipChildren();
                entries++;
            }
            in.transferTo(java.io.OutputStream.nullOutputStream());
            if (entries == 0) {
                report.addFileProblem("the catalog has no products");
            }
            return new Scan(file, report, entries, Sha256.hex(digest.digest()));
        } catch (IOException e) {
            JsonInputs.reportReadFailure(e, report);
        }
        return new Scan(file, report, 0, null);
    }

    /**
     * Checks a scanned catalog one entry at a time and hands each to {@code sink} in file order. Every entry's id is
     * checked (duplicates are found across the whole file); photos are checked, and handed over decoded when
     * {@code keepPhotos}, only for the entries {@code selected} by index; the others are not handed over. Nothing is
     * handed over when the scan found a problem with the whole file. Returns the ignored field names, which are also
     * told once to the information sink.
     */
    public Set<String> stream(Scan scan, IntPredicate selected, boolean keepPhotos, Consumer<CheckedEntry> sink) {
        if (!scan.report().ok()) {
            return Set.of();
        }
        Set<String> ignored = new TreeSet<>();
        try (JsonParser parser = JsonInputs.JSON.createParser(scan.file().toFile())) {
            parser.nextToken();
            SeenIds seen = new SeenIds();
            for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
                JsonNode node = parser.readValueAsTree();
                CheckedEntry entry = checkEntry(scan.file(), i, node, seen, selected.test(i), keepPhotos, ignored);
                if (entry != null) {
                    sink.accept(entry);
                }
            }
        } catch (IOException e) {
            throw new CaigException(scan.report().file() + ": cannot read the catalog (" + e.getMessage() + ")", e);
        }
        if (!ignored.isEmpty()) {
            info.accept(scan.report().file() + ": ignoring fields " + String.join(", ", ignored)
                    + " (caig reads " + String.join(", ", new TreeSet<>(FIELDS)) + ")");
        }
        return Set.copyOf(ignored);
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

    /** Checks one entry; null when it is not selected (its id is still recorded for the duplicate check). */
    private CheckedEntry checkEntry(Path file, int index, JsonNode entry, SeenIds seen, boolean selected,
                                    boolean keepPhoto, Set<String> ignored) {
        if (!entry.isObject()) {
            return selected ? new CheckedEntry(index, "entry [" + index + "]", null, null, null,
                    List.of("expected an object {\"id\", \"image\", \"new_caption\"}, found "
                            + entry.getNodeType().toString().toLowerCase())) : null;
        }
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                ignored.add(name);
            }
        }
        String id = JsonInputs.text(entry, "id", true);
        String where = "entry [" + index + "]" + (id == null ? "" : " id " + JsonInputs.quote(id));
        List<String> problems = new ArrayList<>();
        if (id == null) {
            problems.add(JsonInputs.whyNotText(entry, "id"));
        } else {
            int first = seen.putIfAbsent(id, index);
            if (first >= 0) {
                problems.add("duplicate id (also entry [" + first + "])");
            }
        }
        if (!selected) {
            return null;
        }
        String title = JsonInputs.text(entry, "new_caption", false);
        if (title == null) {
            problems.add(JsonInputs.whyNotText(entry, "new_caption") + " (the product title)");
        }
        String image = JsonInputs.text(entry, "image", false);
        Path imagePath = null;
        BufferedImage photo = null;
        if (image == null) {
            problems.add(JsonInputs.whyNotText(entry, "image"));
        } else if (image.contains("://")) {
            problems.add("image " + JsonInputs.quote(image)
                    + " is a URI: fetch the catalog artifact and read its local copy, where images are local paths");
        } else {
            try {
                imagePath = JsonInputs.resolve(file, image);
                photo = loader.load(imagePath); // catches not-an-image, too large, no product pixels, missing, unreadable
            } catch (InvalidPathException e) {
                problems.add("image " + JsonInputs.quote(image) + ": not a valid path");
            } catch (CaigException e) {
                problems.add("image " + JsonInputs.quote(image) + ": " + withoutPathPrefix(e.getMessage(), imagePath));
            }
        }
        boolean ok = problems.isEmpty();
        return new CheckedEntry(index, where, id, ok ? new Catalog.Item(id, title, imagePath) : null,
                ok && keepPhoto ? photo : null, List.copyOf(problems));
    }

    private static String withoutPathPrefix(String message, Path path) {
        String prefix = path + ": ";
        return path != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}

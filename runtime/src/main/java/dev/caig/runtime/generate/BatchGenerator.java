package dev.caig.runtime.generate;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.Catalog;
import dev.caig.runtime.data.Validated;
import dev.caig.runtime.data.ValidationException;
import dev.caig.runtime.data.ValidationReport;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.render.ContactSheet;
import dev.caig.runtime.serve.AdGenerator;
import dev.caig.runtime.serve.AdImages;
import dev.caig.runtime.serve.LoadedModels;
import dev.caig.runtime.serve.RankedAd;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Batch generation over a catalog, the serving path run offline: for every valid product, N candidates sampled by
 * the policy, rendered, scored and ranked by the reward model ({@link AdGenerator}, the server's own code), written
 * as PNGs ({@code ads/<product>/rank-<r>.png}) with a manifest (JSON and CSV) and a contact sheet. Entries that fail
 * validation are listed with their reasons and skipped; the rest are still generated. Every product is sampled with
 * the batch seed, as a request to the server is with its own.
 */
public final class BatchGenerator {

    public static final String ADS_DIR = "ads";
    public static final String CONTACT_SHEET = "contact-sheet.png";

    /**
     * @param candidates    candidates per product
     * @param seed          seed of every product's sampling
     * @param renderSize    side of the ads in pixels
     * @param sheetProducts products shown on the contact sheet (the first ones; a sheet of thousands helps no one)
     */
    public record Options(int candidates, long seed, int renderSize, int sheetProducts) {
        public Options {
            if (candidates < 1 || candidates > MAX_CANDIDATES) {
                throw new CaigException("--candidates must be between 1 and " + MAX_CANDIDATES + ", got " + candidates);
            }
        }
    }

    public static final int MAX_CANDIDATES = dev.caig.runtime.serve.ServeOptions.CANDIDATES_CEILING;
    private static final int SHEET_CELL = 128;

    private final LoadedModels models;
    private final AdRenderer renderer;
    private final Options options;

    public BatchGenerator(LoadedModels models, AdRenderer renderer, Options options) {
        this.models = models;
        this.renderer = renderer;
        this.options = options;
    }

    /**
     * Generates into {@code out} (new, empty, or an earlier batch's output, which is replaced) and returns what was
     * written. A catalog that cannot be read at all (missing, not JSON, not a list) fails with its problems.
     *
     * @param catalogSource what the user named the catalog, recorded in the manifest
     * @param log           where skipped products and the end result are told
     */
    public GenerationManifest run(Validated<Catalog> catalog, String catalogSource, Path out, PrintWriter log) {
        ValidationReport report = catalog.report();
        if (report.problems().stream().anyMatch(p -> p.where().isEmpty())) {
            throw new ValidationException(List.of(report));
        }
        prepare(out);
        List<SkippedProduct> skipped = new ArrayList<>(SkippedProduct.of(report));
        skipped.forEach(s -> log.println("generate: skipping " + s.describe()));
        log.flush();
        AdGenerator generator = new AdGenerator(models, renderer, options.renderSize(), Runnable::run);
        List<GenerationManifest.Product> products = new ArrayList<>();
        List<ContactSheet.Cell> cells = new ArrayList<>();
        Set<String> usedDirs = new HashSet<>();
        List<Catalog.Item> items = catalog.value().items();
        try (Progress progress = Progress.start("generate", items.size(), "products")) {
            for (int i = 0; i < items.size(); i++) {
                Catalog.Item item = items.get(i);
                List<RankedAd> ads;
                try {
                    ads = generator.generate(catalog.value().loadImage(item), item.title(), options.candidates(), options.seed());
                } catch (CaigException e) {
                    SkippedProduct s = new SkippedProduct(item.id(), "product \"" + item.id() + "\"", List.of(e.getMessage()));
                    log.println("generate: skipping " + s.describe());
                    log.flush();
                    skipped.add(s);
                    progress.advance(1, Map.of("product", item.id(), "skipped", true));
                    continue;
                }
                String dir = ADS_DIR + "/" + uniqueDir(item.id(), usedDirs);
                products.add(new GenerationManifest.Product(item.id(), item.title(), write(ads, out, dir)));
                if (products.size() <= options.sheetProducts()) {
                    for (RankedAd ad : ads) {
                        cells.add(new ContactSheet.Cell(ad.image(), String.format(Locale.ROOT, "%s #%d %.3f %s",
                                item.id(), ad.rank(), ad.score(), ad.description())));
                    }
                }
                progress.advance(1, Map.of("product", item.id(), "bestScore", ads.get(0).score()));
            }
        }
        GenerationManifest manifest = new GenerationManifest(catalogSource, models.info(), options.seed(),
                options.candidates(), List.copyOf(products), List.copyOf(skipped));
        try {
            if (!cells.isEmpty()) {
                Files.write(out.resolve(CONTACT_SHEET),
                        AdImages.png(new ContactSheet(SHEET_CELL, options.candidates()).render(cells)));
            }
            manifest.write(out); // last: a folder with a manifest is a finished batch
        } catch (IOException e) {
            throw new CaigException(out + ": cannot write the output: " + e.getMessage(), e);
        }
        return manifest;
    }

    private static List<GenerationManifest.Candidate> write(List<RankedAd> ads, Path out, String dir) {
        List<GenerationManifest.Candidate> candidates = new ArrayList<>();
        try {
            Files.createDirectories(out.resolve(dir));
            for (RankedAd ad : ads) {
                String image = dir + "/rank-" + ad.rank() + ".png";
                Files.write(out.resolve(image), AdImages.png(ad.image()));
                candidates.add(new GenerationManifest.Candidate(ad.rank(), ad.score(), ad.description(), image));
            }
        } catch (IOException e) {
            throw new CaigException(out.resolve(dir) + ": cannot write the ads: " + e.getMessage(), e);
        }
        return candidates;
    }

    /** A folder name from the product id; ids that differ only in unsafe characters get a numbered suffix. */
    private static String uniqueDir(String id, Set<String> used) {
        String base = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.startsWith(".")) {
            base = "_" + base.substring(1);
        }
        String name = base;
        for (int n = 2; !used.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    /**
     * A new or empty folder is used as it is. An earlier batch's output (it has a manifest.json) is cleared, so no
     * ad of a product that is gone lingers; anything else is refused rather than mixed into.
     */
    private static void prepare(Path out) {
        try {
            if (Files.isDirectory(out)) {
                boolean empty;
                try (Stream<Path> entries = Files.list(out)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty && !Files.isRegularFile(out.resolve(GenerationManifest.JSON_FILE))) {
                    throw new CaigException(out + ": not empty and not the output of an earlier caig generate;"
                            + " choose a new or empty --out folder");
                }
                Files.deleteIfExists(out.resolve(GenerationManifest.JSON_FILE));
                Files.deleteIfExists(out.resolve(GenerationManifest.CSV_FILE));
                Files.deleteIfExists(out.resolve(CONTACT_SHEET));
                deleteTree(out.resolve(ADS_DIR));
            } else if (Files.exists(out)) {
                throw new CaigException(out + ": is a file, not a folder");
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CaigException(out + ": cannot prepare the output folder: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}

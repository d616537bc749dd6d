package dev.caig.runtime.market;

import dev.caig.runtime.TempFolders;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.CatalogEntry;
import dev.caig.runtime.data.Creative;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.render.AdImageComposer;
import dev.caig.runtime.render.BackgroundRenderer;
import dev.caig.runtime.render.ContactSheet;
import dev.caig.runtime.render.LaidOutProduct;
import dev.caig.runtime.render.ProductLayout;
import dev.caig.runtime.text.DescriptionGenerator;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Makes a simulated market: products, historical creatives (random descriptions rendered and shown to the hidden
 * CTR model) and their click logs, written as a catalog + click logs in the paper's formats plus the hidden
 * oracle. Product {@code i} and its creatives depend only on (seed, i, options), never on thread timing.
 */
public final class MarketGenerator {

    /**
     * @param products            number of products
     * @param seed                seed of everything random
     * @param creativesPerProduct historical creatives of each product
     * @param imageSize           side of the creative images in pixels
     * @param renderSeed          renderer seed (fixed, as the paper fixes its diffusion seed)
     * @param threads             worker threads (results do not depend on it)
     * @param productSpecificity  weight of what suits each product against what suits its category (0 = shared only)
     */
    public record Options(int products, long seed, int creativesPerProduct, int imageSize, long renderSeed,
                          int threads, double productSpecificity) {
        public Options(int products, long seed, int creativesPerProduct, int imageSize, long renderSeed, int threads) {
            this(products, seed, creativesPerProduct, imageSize, renderSeed, threads, CtrOracle.DEFAULT_SPECIFICITY);
        }

        public Options {
            if (products < 1) {
                throw new CaigException("--products must be at least 1, got " + products);
            }
            if (creativesPerProduct < 2) {
                throw new CaigException("--creatives-per-product must be at least 2, got " + creativesPerProduct);
            }
            if (imageSize < 32 || imageSize > 1024) {
                throw new CaigException("--size must be between 32 and 1024 pixels, got " + imageSize);
            }
            if (!(productSpecificity >= 0) || productSpecificity > 4) {
                throw new CaigException("--product-specificity must be between 0 and 4, got " + productSpecificity);
            }
            threads = Math.max(1, threads);
        }

        public static Options of(int products, long seed) {
            return new Options(products, seed, 8, 256, BackgroundRenderer.DEFAULT_SEED,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** What was written. */
    public record Result(Path folder, int products, int creatives, long impressions, long clicks) {
    }

    private record ProductOutput(MarketProduct product, List<Creative> creatives,
                                 List<MarketFiles.CreativeRecord> hidden, List<BufferedImage> sheetImages) {
    }

    private static final int SHEET_PRODUCTS = 8;
    private static final int SHEET_PER_PRODUCT = 3;

    private final BackgroundRenderer renderer;
    private final Progress.Mode progressMode;

    public MarketGenerator(BackgroundRenderer renderer, Progress.Mode progressMode) {
        this.renderer = renderer;
        this.progressMode = progressMode;
    }

    /** Generates into a temporary sibling folder and moves it to {@code out} only when complete. */
    public Result generate(Options options, Path out) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyDirectory(target)) {
            throw new CaigException(target + ": already exists and is not empty; choose a new --out folder");
        }
        Path parent = target.getParent();
        Path tmp;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw new CaigException(parent + ": cannot create the output folder: " + e.getMessage(), e);
        }
        try {
            Result r = writeTo(options, tmp);
            Files.deleteIfExists(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return new Result(target, r.products(), r.creatives(), r.impressions(), r.clicks());
        } catch (IOException e) {
            throw new CaigException(target + ": cannot publish the market: " + e.getMessage(), e);
        } finally {
            TempFolders.deleteQuietly(tmp);
        }
    }

    /** Writes the whole market into {@code folder} (which the caller publishes or discards). */
    public Result writeTo(Options options, Path folder) throws IOException {
        ProductFactory factory = new ProductFactory(options.seed());
        List<MarketProduct> products = new ArrayList<>();
        for (int i = 0; i < options.products(); i++) {
            products.add(factory.create(i));
        }
        CtrOracle oracle = CtrOracle.create(products, options.seed(), options.productSpecificity());
        Files.createDirectories(folder.resolve("products"));
        Files.createDirectories(folder.resolve("hidden"));

        List<ProductOutput> outputs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try (Progress progress = new Progress("market", products.size(), "products", progressMode, System.err)) {
            List<Future<ProductOutput>> futures = new ArrayList<>();
            for (int i = 0; i < products.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ProductOutput o = product(products.get(index), index, oracle, options, folder);
                    progress.advance(1);
                    return o;
                }));
            }
            for (Future<ProductOutput> f : futures) {
                outputs.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaigException("market generation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CaigException ce) {
                throw ce;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
        return writeIndexes(options, folder, oracle, outputs);
    }

    private ProductOutput product(MarketProduct p, int index, CtrOracle oracle, Options o, Path folder)
            throws IOException {
        ImageIO.write(p.image(), "png", folder.resolve(MarketFiles.productImage(p.id())).toFile());
        Path dir = folder.resolve("creatives").resolve(p.id());
        Files.createDirectories(dir);
        LaidOutProduct laid = ProductLayout.layout(p.image(), o.imageSize());
        AdImageComposer composer = new AdImageComposer();
        DescriptionGenerator descriptions = new DescriptionGenerator(o.seed() * 1_000_003L + index);
        SplittableRandom random = new SplittableRandom(o.seed() * 0x9E3779B97F4A7C15L + index * 7919L + 17);
        List<Creative> creatives = new ArrayList<>();
        List<MarketFiles.CreativeRecord> hidden = new ArrayList<>();
        List<BufferedImage> sheet = new ArrayList<>();
        for (int k = 0; k < o.creativesPerProduct(); k++) {
            String description = descriptions.next();
            BufferedImage ad = composer.compose(renderer.render(description, o.renderSeed(), o.imageSize()), laid);
            String creativeId = p.id() + "-c" + String.format(Locale.ROOT, "%02d", k);
            String image = MarketFiles.creativeImage(p.id(), creativeId);
            ImageIO.write(ad, "png", folder.resolve(image).toFile());
            double expected = oracle.expectedCtr(p, description, ad);
            long impressions = ClickSimulator.impressions(random);
            long clicks = ClickSimulator.clicks(impressions, expected, random);
            creatives.add(new Creative(creativeId, image, impressions, clicks));
            hidden.add(new MarketFiles.CreativeRecord(creativeId, description, oracle.trueCtr(p, description, ad),
                    expected, oracle.isSuitable(p, description)));
            if (index < SHEET_PRODUCTS && k < SHEET_PER_PRODUCT) {
                sheet.add(ad);
            }
        }
        return new ProductOutput(p, creatives, hidden, sheet);
    }

    private Result writeIndexes(Options options, Path folder, CtrOracle oracle, List<ProductOutput> outputs)
            throws IOException {
        List<CatalogEntry> catalog = new ArrayList<>();
        Map<String, List<Creative>> clicks = new LinkedHashMap<>();
        Map<String, List<MarketFiles.CreativeRecord>> hidden = new LinkedHashMap<>();
        List<MarketFiles.ProductRecord> records = new ArrayList<>();
        List<ContactSheet.Cell> cells = new ArrayList<>();
        long impressions = 0, clickCount = 0;
        int creativeCount = 0;
        for (ProductOutput o : outputs) {
            MarketProduct p = o.product();
            catalog.add(new CatalogEntry(p.id(), MarketFiles.productImage(p.id()), p.title()));
            clicks.put(p.id(), o.creatives());
            hidden.put(p.id(), o.hidden());
            records.add(new MarketFiles.ProductRecord(p.id(), p.category(), p.title(), p.trait(), p.look()));
            for (Creative c : o.creatives()) {
                impressions += c.impressions();
                clickCount += c.clicks();
                creativeCount++;
            }
            for (int k = 0; k < o.sheetImages().size(); k++) {
                MarketFiles.CreativeRecord h = o.hidden().get(k);
                Creative c = o.creatives().get(k);
                cells.add(new ContactSheet.Cell(o.sheetImages().get(k), String.format(Locale.ROOT,
                        "%s %s CTR %.2f%% (true %.2f%%, %d imp) %s", c.creativeId(), p.category().key(),
                        100 * c.ctr(), 100 * h.trueCtr(), c.impressions(), h.description())));
            }
        }
        MarketFiles.JSON.writeValue(folder.resolve(MarketFiles.CATALOG).toFile(), catalog);
        MarketFiles.JSON.writeValue(folder.resolve(MarketFiles.CLICKS).toFile(), clicks);
        MarketFiles.JSON.writeValue(folder.resolve(MarketFiles.ORACLE).toFile(), oracle.params());
        MarketFiles.JSON.writeValue(folder.resolve(MarketFiles.PRODUCTS).toFile(), records);
        MarketFiles.JSON.writeValue(folder.resolve(MarketFiles.CREATIVES).toFile(), hidden);
        // Sorted: Map.of iterates in an order that changes from one JVM to the next, and so did this file's bytes.
        MarketFiles.JSON.writeValue(folder.resolve(MarketFiles.MARKET).toFile(), new java.util.TreeMap<>(Map.of(
                "products", options.products(), "seed", options.seed(),
                "creatives_per_product", options.creativesPerProduct(), "image_size", options.imageSize(),
                "render_seed", options.renderSeed(), "renderer", renderer.getClass().getSimpleName(),
                "product_specificity", options.productSpecificity())));
        ImageIO.write(new ContactSheet(192, SHEET_PER_PRODUCT * 2).render(cells), "png",
                folder.resolve(MarketFiles.CONTACT_SHEET).toFile());
        return new Result(folder, outputs.size(), creativeCount, impressions, clickCount);
    }

    private static boolean isEmptyDirectory(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

}

package dev.caig.runtime.market;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.Catalog;
import dev.caig.runtime.data.ClickLogWriter;
import dev.caig.runtime.data.Creative;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.text.DescriptionGenerator;
import dev.caig.runtime.text.DescriptionGrammar;
import dev.caig.runtime.text.SceneSpec;
import dev.caig.runtime.text.SlotValue;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Simulated click logs for a team's own catalog, to try the training path before real logs exist. Each product
 * gets K creatives (random descriptions from the grammar, drawn by the frozen renderer) shown to simple simulated
 * users: every grammar value has an appeal shared by all products plus one of this product's own, and log CTR is
 * the product's base plus the appeal of the description's values. Impressions are log-uniform in 2,000-40,000 and
 * clicks binomial. Nothing in it is real: it has the paper's format and a signal a reward model can find.
 */
public final class CatalogClickSimulator {

    /** The log's file name in the output folder. */
    public static final String CLICK_LOG = "clicks.json";

    static final double SHARED_APPEAL_SD = 0.15;
    static final double OWN_APPEAL_SD = 0.08;
    static final double BASE_CTR = 0.02;
    static final double BASE_SD = 0.3;
    static final long MIN_IMPRESSIONS = 2_000;
    static final long MAX_IMPRESSIONS = 40_000;

    /**
     * @param creativesPerProduct creatives of each product (at least 2)
     * @param seed                seed of everything random
     * @param imageSize           side of the creative images in pixels
     * @param renderSeed          the renderer's fixed seed
     */
    public record Options(int creativesPerProduct, long seed, int imageSize, long renderSeed) {
        public Options {
            if (creativesPerProduct < 2) {
                throw new CaigException("--creatives-per-product must be at least 2, got " + creativesPerProduct);
            }
            if (imageSize < 32 || imageSize > 1024) {
                throw new CaigException("--size must be between 32 and 1024 pixels, got " + imageSize);
            }
        }
    }

    /** What was written. */
    public record Result(Path clickLog, int products, int creatives, long impressions, long clicks) {
    }

    private final AdRenderer renderer;

    public CatalogClickSimulator(AdRenderer renderer) {
        this.renderer = renderer;
    }

    /**
     * Writes {@code creatives/<product>/<creative>.png} and then {@code clicks.json} (images relative to it) into
     * {@code folder}, which must be new or empty. Product {@code i}'s creatives depend only on (seed, i, options).
     */
    public Result write(Catalog catalog, Options options, Path folder) {
        requireEmpty(folder);
        Map<String, Double> shared = appeals(new SplittableRandom(options.seed()), SHARED_APPEAL_SD);
        Map<String, List<Creative>> log = new LinkedHashMap<>();
        long impressions = 0;
        long clicks = 0;
        List<Catalog.Item> items = catalog.items();
        try (Progress progress = Progress.start("clicks", items.size(), "products")) {
            for (int i = 0; i < items.size(); i++) {
                Catalog.Item item = items.get(i);
                List<Creative> creatives = product(catalog, item, i, options, shared, folder);
                for (Creative c : creatives) {
                    impressions += c.impressions();
                    clicks += c.clicks();
                }
                log.put(item.id(), creatives);
                progress.advance(1);
            }
        }
        Path file = folder.resolve(CLICK_LOG);
        new ClickLogWriter().write(file, log);
        return new Result(file, items.size(), items.size() * options.creativesPerProduct(), impressions, clicks);
    }

    private List<Creative> product(Catalog catalog, Catalog.Item item, int index, Options o, Map<String, Double> shared,
                                   Path folder) {
        BufferedImage photo = catalog.loadImage(item);
        SplittableRandom random = new SplittableRandom(o.seed() * 0x9E3779B97F4A7C15L + index * 7919L + 101);
        Map<String, Double> own = appeals(random.split(), OWN_APPEAL_SD);
        double logBase = Math.log(BASE_CTR) + BASE_SD * CtrOracle.gaussian(random);
        DescriptionGenerator descriptions = new DescriptionGenerator(o.seed() * 1_000_003L + index);
        String dir = "creatives/" + safeName(item.id()) + "-" + index;
        List<Creative> creatives = new ArrayList<>();
        for (int k = 0; k < o.creativesPerProduct(); k++) {
            SceneSpec spec = descriptions.nextSpec();
            double logCtr = logBase;
            for (SlotValue v : spec.values()) {
                logCtr += shared.get(key(v)) + own.get(key(v));
            }
            double ctr = Math.min(0.5, Math.exp(logCtr));
            long shown = Math.round(MIN_IMPRESSIONS * Math.pow((double) MAX_IMPRESSIONS / MIN_IMPRESSIONS, random.nextDouble()));
            long clicked = ClickSimulator.clicks(shown, ctr, random);
            String creativeId = item.id() + "-c" + String.format(Locale.ROOT, "%02d", k);
            String image = dir + "/" + String.format(Locale.ROOT, "c%02d", k) + ".png";
            writePng(renderer.render(photo, spec.toDescription(), o.renderSeed(), o.imageSize()), folder.resolve(image));
            creatives.add(new Creative(creativeId, image, shown, clicked));
        }
        return creatives;
    }

    /** A normal appeal for every grammar value, in grammar order (so the draw does not depend on map order). */
    private static Map<String, Double> appeals(SplittableRandom random, double sd) {
        Map<String, Double> out = new HashMap<>();
        for (SlotValue v : DescriptionGrammar.allValues()) {
            out.put(key(v), sd * CtrOracle.gaussian(random));
        }
        return out;
    }

    private static String key(SlotValue v) {
        return CategoryTastes.key(v);
    }

    private static String safeName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void writePng(BufferedImage image, Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new CaigException(file + ": no PNG writer available");
            }
        } catch (IOException e) {
            throw new CaigException(file + ": cannot write image: " + e.getMessage(), e);
        }
    }

    private static void requireEmpty(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isPresent()) {
                throw new CaigException(folder + ": already exists and is not empty; choose a new --out folder");
            }
        } catch (IOException e) {
            throw new CaigException(folder + ": cannot read the output folder: " + e.getMessage(), e);
        }
    }
}

package dev.caig.runtime.market;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.render.ProductLayout;
import dev.caig.runtime.text.SceneSpec;
import dev.caig.runtime.text.SlotValue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hidden CTR model of the simulated market: it plays the users. Log CTR of an ad =
 * product base + scene preference (category table, shared by a category's products; plus the product-specific part:
 * its look's taste ({@link LookTastes}), its title trait and colour harmony, all scaled by the market's
 * {@code productSpecificity}, 0 = shared taste only)
 * + pixel effects measured on the rendered ad (contrast, brightness, saturation, clutter)
 * + an unobserved per-creative effect; then softly bounded to [minCtr, maxCtr]. Training code never sees it.
 */
public final class CtrOracle {

    static final int VERSION = 2;

    /** Default weight of the product-specific taste against the shared (category) taste. */
    public static final double DEFAULT_SPECIFICITY = 1.0;

    private final OracleParams params;
    private final Map<String, int[]> masks = new ConcurrentHashMap<>();

    public CtrOracle(OracleParams params) {
        this.params = params;
    }

    public OracleParams params() {
        return params;
    }

    /** A fresh oracle with the default product specificity. */
    public static CtrOracle create(List<MarketProduct> products, long seed) {
        return create(products, seed, DEFAULT_SPECIFICITY);
    }

    /**
     * A fresh oracle for these products: category tables copied from code, look rules drawn from the seed.
     *
     * @param specificity weight of what suits each product (its look, title trait, colour harmony) against what
     *                    suits its category; 0 = shared taste only
     */
    public static CtrOracle create(List<MarketProduct> products, long seed, double specificity) {
        if (!(specificity >= 0) || specificity > 4) {
            throw new CaigException("market.productSpecificity must be between 0 and 4, got " + specificity);
        }
        Map<String, Map<String, Double>> categories = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            categories.put(c.key(), CategoryTastes.table(c));
        }
        Map<String, List<String>> traits = new LinkedHashMap<>();
        for (TitleTrait t : TitleTrait.values()) {
            traits.put(t.name(), t.favours().stream().map(CategoryTastes::key).toList());
        }
        Map<String, List<String>> harmony = new LinkedHashMap<>();
        for (ColorFamily f : ColorFamily.values()) {
            harmony.put(f.name(), f.harmonious().stream().map(CategoryTastes::key).sorted().toList());
        }
        Map<String, Map<String, Double>> lookRules = LookTastes.rules(seed);
        Map<String, OracleParams.ProductTaste> tastes = new LinkedHashMap<>();
        for (MarketProduct p : products) {
            SplittableRandom r = new SplittableRandom(seed ^ (p.id().hashCode() * 0x9E3779B97F4A7C15L));
            // what suits this product follows from what anyone can see of it, never from its id
            Map<String, Double> quirks = LookTastes.forProduct(p.look(), lookRules, specificity);
            double base = Math.log(0.018) + 0.35 * gaussian(r);
            tastes.put(p.id(), new OracleParams.ProductTaste(p.category().key(),
                    ColorFamily.of(p.look().body()).name(), p.trait() == null ? null : p.trait().name(),
                    round(base), quirks));
        }
        return new CtrOracle(new OracleParams(VERSION, seed, coefficients(specificity), categories, traits, harmony,
                tastes, specificity, lookRules));
    }

    /** Feature means and deviations measured on random ads of random products (128 px), so effects are per sd. */
    static OracleParams.Coefficients coefficients(double specificity) {
        return new OracleParams.Coefficients(round(0.25 * specificity), round(0.15 * specificity), 0.10, -0.07, -0.12, 0.03,
                new double[] {0.29, 0.43, 0.30, 0.020}, new double[] {0.09, 0.17, 0.18, 0.009},
                0.6, 0.12, 0.003, 0.05, 0.30);
    }

    /** Scene preference of this product for a parsed description, in log CTR. */
    public double preference(String productId, SceneSpec spec) {
        OracleParams.ProductTaste taste = taste(productId);
        Map<String, Double> table = params.categories().get(taste.category());
        List<String> favoured = taste.trait() == null ? List.of() : params.traits().get(taste.trait());
        List<String> harmonious = params.harmony().get(taste.colorFamily());
        double score = 0;
        for (SlotValue v : spec.values()) {
            String key = CategoryTastes.key(v);
            score += table.getOrDefault(key, 0.0);
            score += taste.quirks().getOrDefault(key, 0.0);
            if (favoured.contains(key)) {
                score += params.coefficients().traitBonus();
            }
        }
        if (harmonious.contains(CategoryTastes.key(spec.palette()))) {
            score += params.coefficients().harmonyBonus();
        }
        return score;
    }

    /** The category's own liking of a scene: the sum of its table over the spec's values. */
    public double categoryScore(Category category, SceneSpec spec) {
        Map<String, Double> table = params.categories().get(category.key());
        double score = 0;
        for (SlotValue v : spec.values()) {
            score += table.getOrDefault(CategoryTastes.key(v), 0.0);
        }
        return score;
    }

    /** Whether the described scene suits the product's category (the "match rate" of the evaluation). */
    public boolean isSuitable(MarketProduct product, String description) {
        return categoryScore(product.category(), SceneSpec.parse(description))
                >= params.coefficients().suitableThreshold();
    }

    /** The pixel part of log CTR for a rendered ad of this product. */
    public double pixelEffect(MarketProduct product, BufferedImage ad) {
        PixelFeatures f = features(product, ad);
        OracleParams.Coefficients c = params.coefficients();
        double[] mean = c.featureMean(), std = c.featureStd();
        double contrast = z(f.contrast(), mean[0], std[0]);
        double saturation = z(f.saturation(), mean[2], std[2]);
        double clutter = z(f.clutter(), mean[3], std[3]);
        double brightnessOff = Math.min(2.5, Math.abs(f.brightness() - c.brightnessBest()) / std[1]);
        return c.contrast() * contrast + c.saturation() * saturation + c.clutter() * clutter
                + c.brightness() * brightnessOff;
    }

    public PixelFeatures features(MarketProduct product, BufferedImage ad) {
        int size = ad.getWidth();
        int[] mask = masks.computeIfAbsent(product.id() + "@" + size,
                k -> ProductLayout.layout(product.image(), size).alpha());
        return PixelFeatures.measure(ad, mask);
    }

    /** CTR without the unobserved per-creative effect: what a perfect model of the market could predict. */
    public double trueCtr(MarketProduct product, String description, BufferedImage ad) {
        return bound(logCtr(product, description, ad));
    }

    /**
     * CTR with the per-creative effect, the rate clicks are drawn at. The effect is a fixed function of the
     * product and the ad's pixels, so the same ad always gets the same CTR, yet nothing observable predicts it.
     */
    public double expectedCtr(MarketProduct product, String description, BufferedImage ad) {
        double noise = params.coefficients().noiseSigma() * gaussian(new SplittableRandom(creativeKey(product, ad)));
        return bound(logCtr(product, description, ad) + noise);
    }

    private double logCtr(MarketProduct product, String description, BufferedImage ad) {
        return taste(product.id()).baseLogCtr() + preference(product.id(), SceneSpec.parse(description))
                + pixelEffect(product, ad);
    }

    /** Soft bound: linear in the middle of [ln min, ln max], flattening towards the ends. */
    private double bound(double logCtr) {
        double lo = Math.log(params.coefficients().minCtr()), hi = Math.log(params.coefficients().maxCtr());
        double mid = (lo + hi) / 2, half = (hi - lo) / 2;
        return Math.exp(mid + half * Math.tanh((logCtr - mid) / half));
    }

    private OracleParams.ProductTaste taste(String productId) {
        OracleParams.ProductTaste taste = params.products().get(productId);
        if (taste == null) {
            throw new CaigException("product '" + productId + "' is not in this market's oracle");
        }
        return taste;
    }

    private long creativeKey(MarketProduct product, BufferedImage ad) {
        int n = ad.getWidth();
        int[] px = ad.getRGB(0, 0, n, ad.getHeight(), null, 0, n);
        long h = params.seed() * 0x9E3779B97F4A7C15L ^ product.id().hashCode();
        for (int p : px) {
            h = (h ^ (p & 0xFFFFFF)) * 0x100000001B3L;
        }
        return h;
    }

    private static double z(double v, double mean, double std) {
        return Math.max(-2.5, Math.min(2.5, (v - mean) / std));
    }

    static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    /** Ids of the products this oracle knows. */
    public List<String> productIds() {
        return new ArrayList<>(params.products().keySet());
    }
}

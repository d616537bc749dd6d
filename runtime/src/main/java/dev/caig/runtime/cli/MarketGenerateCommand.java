package dev.caig.runtime.cli;

import dev.caig.runtime.market.MarketGenerator;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.render.BackgroundRenderer;
import dev.caig.runtime.render.ProceduralBackgroundRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.store.ArtifactUri;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code caig market generate}: writes a simulated market (catalog, click logs, hidden oracle) to a folder. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a simulated market: N products over 10 categories, K historical creatives each "
                + "(random backgrounds), click logs drawn from a hidden CTR model. Writes catalog.json, clicks.json, "
                + "products/, creatives/, hidden/oracle.json and contact-sheet.png; the folder appears only when complete.")
public final class MarketGenerateCommand implements Callable<Integer> {

    @Option(names = "--products", required = true, paramLabel = "N", description = "Number of products.")
    int products;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "Seed: the same seed gives the same market.")
    long seed;

    @Option(names = "--creatives-per-product", defaultValue = "8", paramLabel = "K",
            description = "Historical creatives per product (default: ${DEFAULT-VALUE}).")
    int creativesPerProduct;

    @Option(names = "--size", defaultValue = "256", paramLabel = "PX",
            description = "Side of the creative images in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--product-specificity", defaultValue = "1.0", paramLabel = "W",
            description = "Weight of what suits each product's own look and title against what suits its category;"
                    + " 0 = taste shared by a category only (default: ${DEFAULT-VALUE}).")
    double productSpecificity;

    @Option(names = "--out", required = true, paramLabel = "URI",
            description = "Output: a local folder (must not exist or be empty) or an artifact URI s3://bucket/prefix.")
    String out;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        MarketGenerator.Options options = new MarketGenerator.Options(products, seed, creativesPerProduct, size,
                BackgroundRenderer.DEFAULT_SEED, Runtime.getRuntime().availableProcessors(), productSpecificity);
        MarketGenerator generator = new MarketGenerator(new ProceduralBackgroundRenderer(), Progress.Mode.auto());
        ArtifactUri target = ArtifactUri.parse(out);
        MarketGenerator.Result r;
        if (target.isLocal()) {
            r = generator.generate(options, target.path());
        } else {
            r = publish(generator, options, target);
        }
        System.out.printf("wrote a market of %d products and %d creatives (%d impressions, %d clicks) to %s%n",
                r.products(), r.creatives(), r.impressions(), r.clicks(), target);
        return 0;
    }

    /** Generates into a temporary folder, then publishes it as an artifact (manifest last). */
    private static MarketGenerator.Result publish(MarketGenerator generator, MarketGenerator.Options options, ArtifactUri target) {
        try (ArtifactStore store = ArtifactStores.open()) {
            Path tmp = Files.createTempDirectory("caig-market");
            MarketGenerator.Result r = generator.writeTo(options, tmp);
            store.publish(tmp, target, "market", "market generate", java.util.Map.of("products", options.products(),
                    "seed", options.seed(), "creativesPerProduct", options.creativesPerProduct(), "size", options.imageSize(), "productSpecificity", options.productSpecificity()),
                    java.util.Map.of("products", r.products(), "creatives", r.creatives(), "impressions", r.impressions(),
                            "clicks", r.clicks()));
            return r;
        } catch (java.io.IOException e) {
            throw new dev.caig.runtime.CaigException("market generate: " + e.getMessage(), e);
        }
    }
}

package dev.caig.runtime.cli;

import dev.caig.runtime.market.MarketGenerator;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.render.BackgroundRenderer;
import dev.caig.runtime.render.ProceduralBackgroundRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (must not exist or be empty).")
    Path out;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        MarketGenerator.Options options = new MarketGenerator.Options(products, seed, creativesPerProduct, size,
                BackgroundRenderer.DEFAULT_SEED, Runtime.getRuntime().availableProcessors());
        MarketGenerator.Result r = new MarketGenerator(new ProceduralBackgroundRenderer(), Progress.Mode.auto())
                .generate(options, out);
        System.out.printf("wrote a market of %d products and %d creatives (%d impressions, %d clicks) to %s%n",
                r.products(), r.creatives(), r.impressions(), r.clicks(), r.folder());
        return 0;
    }
}

package dev.caig.runtime.cli;

import dev.caig.runtime.data.Catalog;
import dev.caig.runtime.data.CatalogReader;
import dev.caig.runtime.market.CatalogClickSimulator;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.render.BackgroundRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code caig market clicks}: a simulated click log for a team's own catalog, to try the pipeline before real logs exist. */
@Command(name = "clicks", mixinStandardHelpOptions = true,
        description = {"Simulate a click log for your own catalog.",
                "K creatives per product (random backgrounds, the frozen renderer) shown to simulated users.",
                "Writes clicks.json (the paper's format) and creatives/ to --out.",
                "For trying the training path only: the clicks are not real."})
public final class MarketClicksCommand implements Callable<Integer> {

    @Option(names = "--catalog", required = true, paramLabel = "FILE",
            description = "Catalog (tiny.json format), or a folder holding catalog.json or tiny.json.")
    Path catalog;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty).")
    Path out;

    @Option(names = "--creatives-per-product", defaultValue = "12", paramLabel = "K",
            description = "Creatives per product (default: ${DEFAULT-VALUE}).")
    int creativesPerProduct;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", defaultValue = "128", paramLabel = "PX",
            description = "Side of the creative images in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        CatalogClickSimulator.Options options = new CatalogClickSimulator.Options(creativesPerProduct, seed, size,
                BackgroundRenderer.DEFAULT_SEED);
        Catalog products = new CatalogReader().read(catalog);
        CatalogClickSimulator.Result r = new CatalogClickSimulator(new AdRenderer()).write(products, options, out);
        System.out.printf("wrote simulated clicks for %d products, %d creatives (%d impressions, %d clicks) to %s%n",
                r.products(), r.creatives(), r.impressions(), r.clicks(), r.clickLog());
        return 0;
    }
}

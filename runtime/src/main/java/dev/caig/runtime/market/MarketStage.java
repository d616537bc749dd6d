package dev.caig.runtime.market;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.render.ProceduralBackgroundRenderer;
import dev.caig.runtime.stage.Stage;
import dev.caig.runtime.stage.StageContext;
import dev.caig.runtime.store.ArtifactManifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stage {@code market}: generates the simulated market (catalog, creatives, click logs and the hidden oracle) and
 * publishes it to {@code <root>/market/}. Training stages read only its catalog and click logs.
 */
public final class MarketStage implements Stage {
    public static final String NAME = "market";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ArtifactManifest run(StageContext ctx) {
        PipelineConfig config = ctx.config();
        PipelineConfig.Market market = config.data().market();
        Path dir = ctx.newDir(NAME);
        MarketGenerator.Options options = new MarketGenerator.Options(market.products(), market.seed(),
                market.creativesPerProduct(), config.render().size(), config.render().seed(),
                Runtime.getRuntime().availableProcessors(), market.productSpecificity());
        MarketGenerator.Result result;
        try {
            result = new MarketGenerator(new ProceduralBackgroundRenderer(), Progress.Mode.auto()).writeTo(options, dir);
        } catch (IOException e) {
            throw new CaigException("market: cannot write the market: " + e.getMessage(), e);
        }
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("products", result.products());
        metrics.put("creatives", result.creatives());
        metrics.put("impressions", result.impressions());
        metrics.put("clicks", result.clicks());
        return ctx.publish(NAME, dir, "market", config.asMap(), metrics);
    }
}

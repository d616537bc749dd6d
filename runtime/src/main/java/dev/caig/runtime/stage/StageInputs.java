package dev.caig.runtime.stage;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.ProductSplit;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.store.ArtifactUri;

import java.nio.file.Path;

/**
 * Finds a pipeline's data: the market artifact a {@code market} stage wrote, or the team's own catalog and click
 * logs, and the product split every stage shares.
 */
public final class StageInputs {
    public static final String MARKET = "market";
    public static final String CATALOG_FILE = "catalog.json";
    public static final String CLICK_LOG_FILE = "clicks.json";

    private StageInputs() {
    }

    public static TrainingData load(StageContext ctx) {
        PipelineConfig.Data data = ctx.config().data();
        if (data.simulated()) {
            return fromMarketFolder(fetchMarket(ctx));
        }
        return TrainingData.load(localFile(data.catalog(), "data.catalog"),
                data.clickLogs() == null ? null : localFile(data.clickLogs(), "data.clickLogs"));
    }

    /** Downloads the market artifact of the pipeline into a fresh local folder. */
    public static Path fetchMarket(StageContext ctx) {
        Path dir = ctx.newDir(MARKET);
        ctx.store().fetch(ctx.artifact(MARKET), dir);
        return dir;
    }

    /** The catalog and click logs of a market folder: all that training may read of it. */
    public static TrainingData fromMarketFolder(Path dir) {
        return TrainingData.load(dir.resolve(CATALOG_FILE), dir.resolve(CLICK_LOG_FILE));
    }

    public static ProductSplit split(StageContext ctx, TrainingData data) {
        return ProductSplit.of(data.productIds(), ctx.config().data().heldOutFraction(), ctx.config().seed());
    }

    private static Path localFile(String uri, String field) {
        ArtifactUri parsed = ArtifactUri.parse(uri);
        if (!parsed.isLocal()) {
            throw new CaigException(field + ": " + uri + ": reading user data from s3:// is not supported yet;"
                    + " copy the catalog folder locally and give its path");
        }
        return parsed.path();
    }
}

package dev.caig.runtime.stage;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.PairSummary;
import dev.caig.runtime.data.ProductSplit;
import dev.caig.runtime.data.RewardPairs;
import dev.caig.runtime.pipeline.PipelineConfig;

import java.nio.file.Path;

/**
 * Finds a pipeline's data: the market artifact a {@code market} stage wrote, or the team's own catalog and click
 * logs, and the product split every stage shares.
 */
public final class StageInputs {
    public static final String MARKET = "market";
    public static final String CATALOG_FILE = "catalog.json";
    public static final String CLICK_LOG_FILE = "clicks.json";
    /** The market's CTR oracle, for the evaluator only. */
    static final String HIDDEN_FOLDER = "hidden/";

    private StageInputs() {
    }

    public static TrainingData load(StageContext ctx) {
        PipelineConfig.Data data = ctx.config().data();
        if (data.simulated()) {
            return fromMarketFolder(fetchMarketForTraining(ctx));
        }
        UserDataFiles files = new UserDataFiles(ctx.store(), ctx.newDir("data"));
        return TrainingData.load(files.catalog(data.catalog(), "data.catalog"),
                data.clickLogs() == null ? null : files.clickLog(data.clickLogs(), "data.clickLogs"));
    }

    /** What the stage is about to train on: products, creatives, impressions and the reward pairs the filters keep. */
    static String summary(TrainingData data, PipelineConfig config) {
        if (data.clickLog() == null) {
            return "data: " + data.products().size() + " products, no click log";
        }
        return PairSummary.of(data.clickLog(), CreativePairs.filter(config.reward())).render().lines()
                .map(line -> "data: " + line).collect(java.util.stream.Collectors.joining(System.lineSeparator()));
    }

    /**
     * Checks a team's data before any training: every problem of both files at once, then a summary on {@code log}
     * (products, creatives, impressions, the reward pairs the filters keep and their spread over products), then
     * whether the training products give the reward model enough pairs ({@code reward.minPairs}); if not, the
     * message says how many there are and which thresholds would give more. A pipeline that will train the reward
     * model calls this first, so that a data problem does not surface only after pre-training.
     */
    public static void checkBeforeTraining(StageContext ctx, java.io.PrintStream log) {
        PipelineConfig config = ctx.config();
        TrainingData data = load(ctx);
        log.println(summary(data, config));
        if (data.clickLog() == null) {
            return;
        }
        ProductSplit split = split(ctx, data);
        int pairs = CreativePairs.build(data, split.training(), config.reward(), config.seed()).size();
        if (pairs < config.reward().minPairs()) {
            throw new CaigException(RewardPairs.tooFewMessage(data.clickLog(), CreativePairs.filter(config.reward()),
                    pairs, config.reward().minPairs()) + " (counted on the " + split.training().size()
                    + " training products; " + split.heldOut().size() + " are held out for evaluation)");
        }
    }

    /**
     * Downloads what training reads of the market (catalog, click log, product photos, creatives) into a fresh local
     * folder: not its hidden CTR oracle ({@code hidden/}), which training must never see, nor its contact sheet.
     */
    static Path fetchMarketForTraining(StageContext ctx) {
        Path dir = ctx.newDir(MARKET);
        ctx.store().fetch(ctx.artifact(MARKET), dir, rel -> !rel.startsWith(HIDDEN_FOLDER) && rel.contains("/")
                || rel.equals(CATALOG_FILE) || rel.equals(CLICK_LOG_FILE));
        return dir;
    }

    /** Downloads the whole market artifact of the pipeline (the evaluator's oracle included) into a fresh local folder. */
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

}

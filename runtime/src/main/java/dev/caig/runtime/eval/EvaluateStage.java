package dev.caig.runtime.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.generate.CandidateRanking;
import dev.caig.runtime.generate.RewardWinRate;
import dev.caig.runtime.data.ProductSplit;
import dev.caig.runtime.market.SimulatedMarket;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.SamplingOptions;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.pipeline.Renderers;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.stage.CreativePairs;
import dev.caig.runtime.stage.FinetuneStage;
import dev.caig.runtime.stage.PretrainStage;
import dev.caig.runtime.stage.RewardStage;
import dev.caig.runtime.stage.Stage;
import dev.caig.runtime.stage.StageContext;
import dev.caig.runtime.stage.StageInputs;
import dev.caig.runtime.stage.TrainingData;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.text.DescriptionGenerator;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage {@code evaluate}: the paper's table on held-out products. Reward-model accuracy (with ceiling and chance);
 * on a simulated market, an A/B test of random, universal (the best single description), pre-trained, DPO, PCPO,
 * each model reranked by the reward model, and oracle best-of-N descriptions with lift, confidence interval (click
 * noise only), p-value, match rate, well-formed rate and variety; on user data, the reward model's win rate of the fine-tuned over the
 * pre-trained model (no online lift can be measured offline). Writes report.json, report.md and PNG figures.
 */
public final class EvaluateStage implements Stage {
    public static final String NAME = "evaluate";
    public static final String REPORT_JSON = "report.json";
    public static final String REPORT_MD = "report.md";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ArtifactManifest run(StageContext ctx) {
        PipelineConfig config = ctx.config();
        Map<String, ArtifactUri> missing = missingInputs(ctx);
        if (!missing.isEmpty()) {
            throw new CaigException("evaluate: no artifact (no " + ArtifactManifest.FILE_NAME + ") for "
                    + describe(missing) + ": run those stages first");
        }
        SimulatedMarket market = null;
        TrainingData data;
        if (config.data().simulated()) {
            Path marketDir = StageInputs.fetchMarket(ctx);
            market = SimulatedMarket.load(marketDir);
            data = StageInputs.fromMarketFolder(marketDir);
        } else {
            data = StageInputs.load(ctx);
        }
        ProductSplit split = StageInputs.split(ctx, data);
        List<TrainingData.Product> heldOut = data.products(split.heldOut());
        if (heldOut.isEmpty()) {
            throw new CaigException("evaluate: no held-out products; set data.heldOutFraction above 0");
        }
        Map<String, Path> models = new LinkedHashMap<>();
        Map<String, String> digests = new LinkedHashMap<>();
        fetch(ctx, PretrainStage.NAME, models, digests, true);
        fetch(ctx, RewardStage.NAME, models, digests, true);
        if (config.evaluate().ablation()) {
            fetch(ctx, FinetuneStage.DPO, models, digests, false);
        }
        if (config.evaluate().bestOfN()) {
            fetch(ctx, FinetuneStage.BEST_OF_N, models, digests, false);
        }
        fetch(ctx, FinetuneStage.PCPO, models, digests, true);

        Path out = ctx.newDir(NAME);
        Map<String, Object> report = new LinkedHashMap<>();
        try (AdRenderer renderer = Renderers.open(config.render(), ctx.store());
             RewardModel rewardModel = RewardModel.load(models.get(RewardStage.NAME));
             Progress progress = ctx.progress(NAME, 4, "part")) {
            List<CreativePairs.Pair> pairs = CreativePairs.build(data, split.heldOut(), config.reward(), config.seed() + 1);
            Map<String, String> titles = new LinkedHashMap<>();
            data.products().forEach(p -> titles.put(p.id(), p.title()));
            Map<String, Object> reward = RewardEvaluation.evaluate(rewardModel, pairs, titles, market);
            if (market != null) {
                reward.put("freshCandidates", RewardPickQuality.evaluate(rewardModel, heldOut, market, renderer,
                        config.render().seed(), config.render().size(), config.evaluate().oracleCandidates(), config.seed()));
            }
            report.put("reward", reward);
            progress.advance(1, Map.of("part", "reward"));

            List<Arm> arms = arms(config, heldOut, models, renderer, market, rewardModel, report);
            progress.advance(1, Map.of("part", "generate"));
            report.put("rewardWinRate", winRates(rewardModel, arms, titles));
            if (market != null) {
                Map<String, Object> ab = new LinkedHashMap<>();
                ab.put("impressionsPerArm", config.evaluate().impressionsPerArm());
                ab.put("heldOutProducts", heldOut.size());
                ab.put("creativesPerArm", arms.get(0).creatives().size());
                ab.put("arms", new SimulatedAbTest(market, config.evaluate().impressionsPerArm(), config.seed()).run(arms));
                report.put("ab", ab);
                report.put("onlineLiftMeasurable", true);
            } else {
                report.put("onlineLiftMeasurable", false);
                report.put("note", "User data has no CTR oracle: no online lift can be measured offline. The reward"
                        + " model's win rate of the fine-tuned over the pre-trained model is a proxy, not a CTR lift.");
            }
            progress.advance(1, Map.of("part", "ab-test"));
            ReportFigures.write(out, models, arms, report);
            report.put("models", digests);
            report.put("renderer", renderer.identity());
            report.put("config", config.asMap());
            JSON.writeValue(out.resolve(REPORT_JSON).toFile(), report);
            Files.writeString(out.resolve(REPORT_MD), ReportMarkdown.render(report));
            progress.advance(1, Map.of("part", "report"));
        } catch (IOException e) {
            throw new CaigException("evaluate: cannot write the report: " + e.getMessage(), e);
        }
        Map<String, Object> provenance = new LinkedHashMap<>(config.asMap());
        provenance.put("renderer", report.get("renderer"));
        return ctx.publish(NAME, out, "evaluation", provenance,
                ReportMetrics.of(report));
    }

    /**
     * Where evaluate reads a stage's artifact: a URI given explicitly in the context (a command's flag) first, then
     * the config's {@code fromArtifact}, then {@code <root>/<stage>}.
     */
    public static ArtifactUri input(StageContext ctx, String stage) {
        PipelineConfig config = ctx.config();
        String fromArtifact = switch (stage) {
            case PretrainStage.NAME -> config.pretrain().fromArtifact();
            case RewardStage.NAME -> config.reward().fromArtifact();
            case FinetuneStage.PCPO -> config.pcpo().fromArtifact();
            default -> null;
        };
        return ctx.artifacts().containsKey(stage) || fromArtifact == null
                ? ctx.artifact(stage) : ArtifactUri.parse(fromArtifact);
    }

    /** The artifacts evaluate cannot run without that do not exist, by stage name (market only for simulated data). */
    public static Map<String, ArtifactUri> missingInputs(StageContext ctx) {
        List<String> required = new ArrayList<>();
        if (ctx.config().data().simulated()) {
            required.add(StageInputs.MARKET);
        }
        required.addAll(List.of(PretrainStage.NAME, RewardStage.NAME, FinetuneStage.PCPO));
        Map<String, ArtifactUri> missing = new LinkedHashMap<>();
        for (String stage : required) {
            ArtifactUri uri = input(ctx, stage);
            if (!ctx.store().exists(uri)) {
                missing.put(stage, uri);
            }
        }
        return missing;
    }

    /** "pretrain at URI, pcpo at URI" */
    public static String describe(Map<String, ArtifactUri> artifacts) {
        return String.join(", ", artifacts.entrySet().stream().map(e -> e.getKey() + " at " + e.getValue()).toList());
    }

    private static void fetch(StageContext ctx, String stage, Map<String, Path> dirs,
                              Map<String, String> digests, boolean required) {
        ArtifactUri uri = input(ctx, stage);
        if (!required && !ctx.store().exists(uri)) {
            return;
        }
        Path dir = ctx.newDir(stage);
        ArtifactManifest manifest = ctx.store().fetch(uri, dir);
        dirs.put(stage, dir);
        digests.put(stage, uri + " " + manifest.digest());
    }

    /**
     * Per held-out product, samplesPerProduct creatives from each arm; model arms share their sampling seeds. Each
     * model gives a plain arm and a reranked one (the reward model's rank 1 of rerankCandidates samples).
     */
    private static List<Arm> arms(PipelineConfig config, List<TrainingData.Product> heldOut, Map<String, Path> models,
                                  AdRenderer renderer, SimulatedMarket market, RewardModel rewardModel,
                                  Map<String, Object> report) {
        int samples = config.evaluate().samplesPerProduct();
        Render render = new Render(renderer, config.render().seed(), config.render().size());
        List<Arm> arms = new ArrayList<>();
        List<Arm.Creative> random = new ArrayList<>();
        for (int k = 0; k < heldOut.size(); k++) {
            DescriptionGenerator generator = new DescriptionGenerator(config.seed() * 31 + k);
            for (int s = 0; s < samples; s++) {
                String d = generator.next();
                random.add(new Arm.Creative(heldOut.get(k).id(), d, render.ad(heldOut.get(k), d)));
            }
        }
        arms.add(new Arm("random", random));
        if (market != null) {
            UniversalArm.Result universal = UniversalArm.pick(heldOut, market, render::ad,
                    config.evaluate().universalCandidates(), samples, config.seed(), rewardModel);
            arms.add(universal.arm());
            report.put("universalDescription", universal.description());
            report.put("productCentricHeadroom", universal.headroom());
        }
        List<Arm> reranked = new ArrayList<>();
        for (String stage : List.of(PretrainStage.NAME, FinetuneStage.DPO, FinetuneStage.BEST_OF_N,
                FinetuneStage.PCPO)) {
            if (models.containsKey(stage)) {
                String name = stage.equals(PretrainStage.NAME) ? "pretrained" : stage;
                List<Arm> pair = PolicyArms.of(name, models.get(stage), heldOut, samples,
                        config.evaluate().rerankCandidates(), sampling(config), config.seed(), render::ad, rewardModel);
                arms.add(pair.get(0));
                reranked.add(pair.get(1));
            }
        }
        arms.addAll(reranked);
        if (market != null) {
            arms.add(new Arm("oracle", oracleBestOfN(config, heldOut, render, market, samples)));
        }
        return arms;
    }

    /** Temperature 1, the config's top-p, under the description grammar when the config asks for it. */
    private static SamplingOptions sampling(PipelineConfig config) {
        return CandidateRanking.sampling(config.promptModel().topP(), config.promptModel().maxAnswerTokens(),
                config.promptModel().describeBackgrounds());
    }

    /** The headroom: for each slot, the best of N random descriptions by the market's noise-free CTR. */
    private static List<Arm.Creative> oracleBestOfN(PipelineConfig config, List<TrainingData.Product> heldOut,
                                                    Render render, SimulatedMarket market, int samples) {
        List<Arm.Creative> out = new ArrayList<>();
        for (int k = 0; k < heldOut.size(); k++) {
            DescriptionGenerator generator = new DescriptionGenerator(config.seed() * 131 + k);
            var product = market.product(heldOut.get(k).id());
            for (int s = 0; s < samples; s++) {
                Arm.Creative best = null;
                double bestCtr = -1;
                for (int c = 0; c < config.evaluate().oracleCandidates(); c++) {
                    String d = generator.next();
                    var ad = render.ad(heldOut.get(k), d);
                    double ctr = market.oracle().trueCtr(product, d, ad);
                    if (ctr > bestCtr) {
                        bestCtr = ctr;
                        best = new Arm.Creative(heldOut.get(k).id(), d, ad);
                    }
                }
                out.add(best);
            }
        }
        return out;
    }

    /** The frozen renderer with the pipeline's seed and size. */
    private record Render(AdRenderer renderer, long seed, int size) {
        java.awt.image.BufferedImage ad(TrainingData.Product product, String description) {
            return renderer.render(product.image(), description, seed, size);
        }
    }

    /** Share of slots where the reward model prefers each fine-tuned arm's ad over the pre-trained arm's. */
    private static Map<String, Double> winRates(RewardModel rewardModel, List<Arm> arms, Map<String, String> titles) {
        Map<String, Double> out = new LinkedHashMap<>();
        Arm pretrained = arms.stream().filter(a -> a.name().equals("pretrained")).findFirst().orElseThrow();
        for (Arm arm : arms) {
            if (arm == pretrained) {
                continue;
            }
            out.put(arm.name() + "VsPretrained", RewardWinRate.of(rewardModel,
                    arm.creatives().stream().map(Arm.Creative::ad).toList(),
                    arm.creatives().stream().map(Arm.Creative::description).toList(),
                    pretrained.creatives().stream().map(Arm.Creative::ad).toList(),
                    pretrained.creatives().stream().map(Arm.Creative::description).toList(),
                    arm.creatives().stream().map(c -> titles.get(c.productId())).toList()));
        }
        return out;
    }

    static List<Map<String, Double>> history(Path modelDir) {
        if (modelDir == null || !Files.isRegularFile(modelDir.resolve("history.json"))) {
            return List.of();
        }
        try {
            return JSON.readValue(modelDir.resolve("history.json").toFile(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new CaigException(modelDir + "/history.json: " + e.getMessage(), e);
        }
    }

    static void writePng(java.awt.image.BufferedImage image, Path file) throws IOException {
        ImageIO.write(image, "png", file.toFile());
    }
}

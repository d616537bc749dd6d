package dev.caig.runtime.stage;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.ImageFiles;
import dev.caig.runtime.data.ProductSplit;
import dev.caig.runtime.data.RewardPairs;
import dev.caig.runtime.model.ImageTensors;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.RewardModelConfig;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.train.RewardExample;
import dev.caig.runtime.train.RewardGroup;
import dev.caig.runtime.train.SceneExample;
import dev.caig.runtime.pipeline.Renderers;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.train.RewardTrainer;
import dev.caig.runtime.train.TrainingState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage {@code reward}: builds preference pairs from the click logs with the paper's filters, trains the reward
 * model on the training products' pairs less a validation share of those products, keeps the epoch that scores best
 * on the validation products' pairs, scores the held-out products' pairs every epoch (for the record), and publishes
 * the model to {@code <root>/reward/}.
 */
public final class RewardStage implements Stage {
    public static final String NAME = "reward";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ArtifactManifest run(StageContext ctx) {
        PipelineConfig config = ctx.config();
        PipelineConfig.Reward settings = config.reward();
        TrainingData data = StageInputs.load(ctx);
        ProductSplit split = StageInputs.split(ctx, data);

        ProductSplit fit = validationSplit(split, settings, config.seed());
        CreativeImages images = new CreativeImages(settings.imageSize());
        List<RewardExample> train = examples(CreativePairs.build(data, fit.training(), settings, config.seed()), images, data);
        List<RewardExample> validation = examples(CreativePairs.build(data, fit.heldOut(), settings, config.seed() + 2), images, data);
        List<RewardExample> heldOut = examples(CreativePairs.build(data, split.heldOut(), settings, config.seed() + 1), images, data);
        List<RewardGroup> groups = settings.pointwiseWeight() > 0
                ? groups(CreativeTargets.build(data, fit.training(), CreativePairs.filter(settings)), images, data) : List.of();
        if (train.size() < settings.minPairs()) {
            throw new CaigException("reward: " + RewardPairs.tooFewMessage(data.clickLog(), CreativePairs.filter(settings),
                    train.size(), settings.minPairs()) + " (training products only; "
                    + split.heldOut().size() + " products are held out for evaluation)");
        }
        List<String> titleWords = settings.readTitles() ? titleWords(data) : List.of();
        List<SceneExample> scenes = sceneExamples(ctx, data.products(fit.training()), images);
        RewardModelConfig architecture = new RewardModelConfig(settings.imageSize(), settings.channels(), 64,
                titleWords, 16, RewardModelConfig.REGIONS, scenes.isEmpty() ? 0 : SceneExamples.values(), settings.trunk());
        int members = settings.members();
        Path out = ctx.newDir(NAME);
        List<TrainingState> states = new ArrayList<>();
        try (Progress progress = ctx.progress(NAME, (long) settings.epochs() * members, "epoch")) {
            for (int k = 0; k < members; k++) {
                // member 0 is the single model of earlier builds, bit for bit: same seed, same checkpoint folder
                long seed = StageContext.partSeed(config.seed(), k);
                try (RewardModel model = RewardModel.create(architecture, seed)) {
                    TrainingState state = new RewardTrainer(model,
                            new RewardTrainer.Settings(settings.epochs(), settings.batchSize(), settings.learningRate(), seed,
                                    settings.pointwiseWeight(), scenes.isEmpty() ? 0 : SCENE_WEIGHT, settings.scenePasses()),
                            ctx.checkpoints(NAME, k, "epoch", settings.epochs()))
                            .train(images.tensors(), train, groups, scenes, validation, heldOut, progress);
                    model.saveAsMember(out, k);
                    states.add(state);
                }
            }
            TrainingState state = states.get(0);
            int selected = RewardTrainer.selectedEpoch(state);
            Map<String, Double> at = state.history().get(selected - 1);
            StageFiles.writeJson(out.resolve("history.json"), state.history());
            Map<String, Number> metrics = new LinkedHashMap<>();
            metrics.put("trainPairs", train.size());
            metrics.put("validationPairs", validation.size());
            metrics.put("heldOutPairs", heldOut.size());
            metrics.put("selectedEpoch", selected);
            if (!scenes.isEmpty()) {
                metrics.put("sceneExamples", scenes.size());
            }
            if (!groups.isEmpty()) {
                metrics.put("pointwiseProducts", groups.size());
                metrics.put("pointwiseCreatives", groups.stream().mapToInt(g -> g.images().size()).sum());
            }
            metrics.put("loss", at.get("loss"));
            metrics.put("trainAccuracy", at.get("trainAccuracy"));
            if (!validation.isEmpty()) {
                metrics.put("validationAccuracy", at.get("validationAccuracy"));
            }
            metrics.put("accuracy", heldOut.isEmpty() ? Double.NaN : at.get("heldOutAccuracy"));
            if (members > 1) {
                metrics.put("members", members);
                putEnsembleAccuracy(out, heldOut, images, metrics);
                for (int k = 1; k < members; k++) {
                    StageFiles.writeJson(out.resolve("history.member-" + k + ".json"), states.get(k).history());
                }
            }
            metrics.put("ctrScale", RewardModel.CTR_SCALE);
            return ctx.publish(NAME, out, "reward-model", config.asMap(), metrics);
        } catch (IOException e) {
            throw new CaigException("reward: cannot write the model: " + e.getMessage(), e);
        }
    }

    /**
     * The whole ensemble's accuracy on the held-out products' pairs ({@code ensembleAccuracy}), next to member 0's
     * ({@code accuracy}): what the mean of the members adds.
     */
    private static void putEnsembleAccuracy(Path out, List<RewardExample> heldOut, CreativeImages images,
                                              Map<String, Number> metrics) {
        if (heldOut.isEmpty()) {
            return;
        }
        try (RewardModel ensemble = RewardModel.load(out)) {
            metrics.put("ensembleAccuracy", RewardTrainer.accuracy(ensemble, images.tensors(), heldOut));
        }
    }

    /** Weight of the scene head's cross-entropy next to the pair loss (its targets are exact, not noisy clicks). */
    static final double SCENE_WEIGHT = 1.0;

    /** The renderer's labelled ads of the products the model trains on ({@code reward.sceneExamples} each; none at 0). */
    private static List<SceneExample> sceneExamples(StageContext ctx, List<TrainingData.Product> products, CreativeImages images) {
        PipelineConfig config = ctx.config();
        int perProduct = config.reward().sceneExamples();
        if (perProduct == 0 || products.isEmpty()) {
            return List.of();
        }
        try (AdRenderer renderer = Renderers.open(config.render(), ctx.store());
             Progress progress = ctx.progress(NAME, (long) perProduct * products.size(), "ad")) {
            return SceneExamples.render(products, perProduct, renderer, config.render().seed(), config.render().size(),
                    config.seed(), images, progress);
        }
    }

    /**
     * The training products split again: most to train on, {@code validationFraction} of them set aside to pick the
     * best epoch. Products, not pairs, are set aside, so the choice rewards what carries over to new products.
     */
    static ProductSplit validationSplit(ProductSplit split, PipelineConfig.Reward settings, long seed) {
        if (settings.validationFraction() == 0 || split.training().size() < 4) {
            return new ProductSplit(split.training(), java.util.Set.of());
        }
        return ProductSplit.of(split.training(), settings.validationFraction(), seed * 31 + 7);
    }

    /** The pairs as training examples over the image table. */
    public static List<RewardExample> examples(List<CreativePairs.Pair> pairs, CreativeImages images, TrainingData data) {
        Map<String, String> titles = titlesById(data);
        List<RewardExample> out = new ArrayList<>();
        for (CreativePairs.Pair p : pairs) {
            out.add(new RewardExample(images.index(p.left().image()), images.index(p.right().image()), p.label(),
                    (float) p.left().creative().ctr(), (float) p.right().creative().ctr(), titles.get(p.left().productId())));
        }
        return out;
    }

    /** The products' centred log CTRs as training groups over the image table. */
    private static List<RewardGroup> groups(List<CreativeTargets.ProductTargets> products, CreativeImages images, TrainingData data) {
        Map<String, String> titles = titlesById(data);
        List<RewardGroup> out = new ArrayList<>();
        for (CreativeTargets.ProductTargets p : products) {
            List<Integer> indices = new ArrayList<>();
            float[] targets = new float[p.targets().size()];
            for (int i = 0; i < targets.length; i++) {
                indices.add(images.index(p.targets().get(i).creative().image()));
                targets[i] = (float) p.targets().get(i).centredLogCtr();
            }
            out.add(new RewardGroup(indices, targets, titles.get(p.productId())));
        }
        return out;
    }

    private static Map<String, String> titlesById(TrainingData data) {
        Map<String, String> titles = new HashMap<>();
        data.products().forEach(p -> titles.put(p.id(), p.title()));
        return titles;
    }

    /** Every word of the catalog's titles, the reward model's title vocabulary. */
    static List<String> titleWords(TrainingData data) {
        java.util.TreeSet<String> words = new java.util.TreeSet<>();
        data.products().forEach(p -> words.addAll(dev.caig.runtime.text.Vocabulary.split(p.title())));
        return List.copyOf(words);
    }

    /** Creative images decoded once, at the reward model's input size, by path. */
    public static final class CreativeImages {
        private final int size;
        private final Map<Path, Integer> indexByPath = new HashMap<>();
        private final List<float[]> tensors = new ArrayList<>();

        public CreativeImages(int size) {
            this.size = size;
        }

        public int index(Path image) {
            return indexByPath.computeIfAbsent(image, p -> {
                tensors.add(ImageTensors.rgb(ImageFiles.read(p), size));
                return tensors.size() - 1;
            });
        }

        /** An image that has no file (a render made in memory); its index in the table. */
        public int add(java.awt.image.BufferedImage image) {
            tensors.add(ImageTensors.rgb(image, size));
            return tensors.size() - 1;
        }

        public List<float[]> tensors() {
            return tensors;
        }
    }
}

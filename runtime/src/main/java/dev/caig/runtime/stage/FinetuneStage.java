package dev.caig.runtime.stage;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.ProductSplit;
import dev.caig.runtime.model.PolicyInput;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.pipeline.Renderers;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.text.DescriptionParser;
import dev.caig.runtime.train.PcpoTrainer;
import dev.caig.runtime.train.TrainingState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stages {@code pcpo}, {@code dpo} and {@code best-of-n}: RL fine-tuning of the pre-trained prompt model against the
 * reward model with the frozen renderer. {@code dpo} is the paper's ablation, the same loop with pcpoWeight 0;
 * {@code best-of-n} the baseline PCPO must beat, the same loop fine-tuned on the reward model's rank-1 samples alone.
 */
public final class FinetuneStage implements Stage {
    public static final String PCPO = "pcpo";
    public static final String DPO = "dpo";
    public static final String BEST_OF_N = "best-of-n";

    private final String name;

    private FinetuneStage(String name) {
        this.name = name;
    }

    public static FinetuneStage pcpo() {
        return new FinetuneStage(PCPO);
    }

    public static FinetuneStage dpoAblation() {
        return new FinetuneStage(DPO);
    }

    public static FinetuneStage bestOfN() {
        return new FinetuneStage(BEST_OF_N);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ArtifactManifest run(StageContext ctx) {
        PipelineConfig config = ctx.config();
        PipelineConfig.Pcpo pcpo = name.equals(DPO) ? config.pcpo().withPcpoWeight(0) : config.pcpo();
        TrainingData data = StageInputs.load(ctx);
        ProductSplit split = StageInputs.split(ctx, data);
        ArtifactUri pretrained = source(config.pretrain().fromArtifact(), ctx.artifact(PretrainStage.NAME));
        ArtifactUri reward = source(config.reward().fromArtifact(), ctx.artifact(RewardStage.NAME));
        Path policyDir = ctx.newDir("policy");
        ArtifactManifest pretrainedManifest = ctx.store().fetch(pretrained, policyDir);
        Path rewardDir = ctx.newDir("reward");
        ArtifactManifest rewardManifest = ctx.store().fetch(reward, rewardDir);

        int renderSize = config.render().size();
        long renderSeed = config.render().seed();
        try (AdRenderer renderer = Renderers.open(config.render(), ctx.store());
             PromptModel policy = PromptModel.load(policyDir);
             PromptModel reference = PromptModel.load(policyDir);
             RewardModel rewardModel = RewardModel.load(rewardDir);
             Progress progress = ctx.progress(name, pcpo.iterations(), "iteration")) {
            reference.block().freezeParameters(true);
            int size = policy.config().imageSize();
            List<PcpoTrainer.Product> products = new ArrayList<>();
            Map<String, java.awt.image.BufferedImage> photos = new HashMap<>();
            for (TrainingData.Product p : data.products(split.training())) {
                products.add(new PcpoTrainer.Product(p.id(), p.title(), PolicyInput.of(p.image(), size)));
                photos.put(p.id(), p.image());
            }
            PcpoTrainer.Settings settings = new PcpoTrainer.Settings(pcpo.iterations(), pcpo.batchSamples(),
                    pcpo.generateNums(), pcpo.temperature(), config.promptModel().topP(), pcpo.beta().floatValue(),
                    pcpo.pcpoWeight().floatValue(), pcpo.pcpoBeta().floatValue(), pcpo.learningRate(), pcpo.batchSize(),
                    pcpo.epochsPerIteration(), pcpo.maskRatio(), pcpo.maskPatchesPerSide(), pcpo.maxGradNorm().floatValue(),
                    config.seed(), PipelineConfig.Pcpo.RANDOM_CHOOSER.equals(pcpo.chooser()),
                    name.equals(BEST_OF_N) ? PcpoTrainer.Objective.BEST_OF_N : PcpoTrainer.Objective.PREFERENCE,
                    config.promptModel().describeBackgrounds(),
                    new PcpoTrainer.Anchors(pcpo.chosenNllWeight().floatValue(), pcpo.pretrainMixWeight().floatValue(),
                            pcpo.refreshReference()));
            // The pre-training mix draws from the pre-training task mix over the same products, with descriptions
            // the pre-training epochs did not use (epoch numbers after them).
            List<PretrainExamples.Source> sources = products.stream()
                    .map(p -> new PretrainExamples.Source(p.image(), p.title())).toList();
            PretrainExamples pretrainExamples = new PretrainExamples(sources, config.pretrain().examplesPerProduct(), config.seed());
            int pretrainEpochs = config.pretrain().epochs();
            TrainingState state = new PcpoTrainer(policy, reference, rewardModel,
                    (productId, description) -> renderer.render(photos.get(productId), description, renderSeed, renderSize),
                    settings, new DivergenceGuard(ctx.checkpoints(name, "iteration", pcpo.iterations()), name,
                    pcpo.iterations(), pcpo.learningRate()), DescriptionParser::describesBackground,
                    iteration -> pretrainExamples.epoch(pretrainEpochs + iteration)).train(products, progress);
            Path out = ctx.newDir(name);
            policy.save(out);
            StageFiles.writeJson(out.resolve("history.json"), state.history());
            Map<String, Number> metrics = new LinkedHashMap<>();
            metrics.put("iterations", state.completed());
            metrics.put("pcpoWeight", pcpo.pcpoWeight());
            metrics.put("chosenNllWeight", pcpo.chosenNllWeight());
            metrics.put("pretrainMixWeight", pcpo.pretrainMixWeight());
            metrics.put("refreshReference", pcpo.refreshReference() ? 1 : 0);
            for (String key : List.of("loss", "dpoLoss", "pcLoss", "chosenNll", "pretrainMix", "rewardMargin", "rewardAccuracy", "meanRewardScore")) {
                if (!Double.isNaN(state.last(key))) {
                    metrics.put(key, state.last(key));
                }
            }
            Map<String, Object> provenance = new LinkedHashMap<>(config.asMap());
            provenance.put("pretrainedModel", pretrained + " " + pretrainedManifest.digest());
            provenance.put("rewardModel", reward + " " + rewardManifest.digest());
            provenance.put("renderer", renderer.identity());
            return ctx.publish(name, out, "prompt-model", provenance, metrics);
        } catch (IOException e) {
            throw new CaigException(name + ": cannot write the model: " + e.getMessage(), e);
        }
    }

    static ArtifactUri source(String fromArtifact, ArtifactUri produced) {
        return fromArtifact == null ? produced : ArtifactUri.parse(fromArtifact);
    }
}

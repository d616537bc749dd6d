package dev.caig.runtime.stage;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.ProductSplit;
import dev.caig.runtime.generate.CandidateRanking;
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
import java.util.Set;

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
        int restarts = pcpo.restarts();
        // With restarts, the reward model's validation products choose among them: neither model trains on them.
        Set<String> selection = restarts > 1
                ? RewardStage.validationSplit(split, config.reward(), config.seed()).heldOut() : Set.of();
        if (restarts > 1 && selection.isEmpty()) {
            throw new CaigException(name + ": pcpo.restarts " + restarts + " needs products to choose on, the reward"
                    + " model's validation products, and there are none (" + split.training().size()
                    + " training products, reward.validationFraction " + config.reward().validationFraction()
                    + "): raise reward.validationFraction or set pcpo.restarts to 1");
        }
        List<TrainingData.Product> training = data.products(split.training()).stream()
                .filter(p -> !selection.contains(p.id())).toList();

        int renderSize = config.render().size();
        long renderSeed = config.render().seed();
        try (AdRenderer renderer = Renderers.open(config.render(), ctx.store());
             RewardModel rewardModel = RewardModel.load(rewardDir);
             Progress progress = ctx.progress(name, (long) pcpo.iterations() * restarts, "iteration")) {
            Map<String, java.awt.image.BufferedImage> photos = new HashMap<>();
            data.products(split.training()).forEach(p -> photos.put(p.id(), p.image()));
            PcpoTrainer.AdRenderer draw = (productId, description) ->
                    renderer.render(photos.get(productId), description, renderSeed, renderSize);
            RestartSelection chooser = null;
            if (restarts > 1) {
                try (PromptModel start = PromptModel.load(policyDir)) {
                    chooser = new RestartSelection(data.products(selection), start, rewardModel,
                            (product, description) -> draw.render(product.id(), description),
                            CandidateRanking.sampling(config.promptModel().topP(), config.promptModel().maxAnswerTokens(),
                                    config.promptModel().describeBackgrounds()), config.seed());
                }
            }
            List<Restart> outcomes = new ArrayList<>();
            for (int r = 0; r < restarts; r++) {
                outcomes.add(restart(ctx, pcpo, r, policyDir, rewardModel, draw, training, chooser, progress));
            }
            int chosen = chooser == null ? 0 : RestartSelection.best(outcomes.stream().map(Restart::winRate).toList());
            if (chosen < 0) {
                throw new CaigException(name + ": every one of the " + restarts + " restarts collapsed or diverged; the"
                        + " last: " + outcomes.get(restarts - 1).failure());
            }
            TrainingState state = outcomes.get(chosen).state();
            Path out = outcomes.get(chosen).policy();
            StageFiles.writeJson(out.resolve("history.json"), state.history());
            Map<String, Number> metrics = new LinkedHashMap<>();
            metrics.put("iterations", state.completed());
            metrics.put("pcpoWeight", pcpo.pcpoWeight());
            metrics.put("chosenNllWeight", pcpo.chosenNllWeight());
            metrics.put("pretrainMixWeight", pcpo.pretrainMixWeight());
            metrics.put("refreshReference", pcpo.refreshReference() ? 1 : 0);
            if (restarts > 1) {
                metrics.put("restarts", restarts);
                metrics.put("selectedRestart", chosen);
                metrics.put("selectionProducts", selection.size());
                metrics.put("selectionWinRate", outcomes.get(chosen).winRate());
                metrics.put("failedRestarts", outcomes.stream().filter(o -> o.failure() != null).count());
                StageFiles.writeJson(out.resolve("restarts.json"), restartSummary(outcomes, chosen));
            }
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

    /**
     * One fine-tuning run, restart {@code r}: restart 0 is the run of a single-restart config bit for bit (same seed,
     * same checkpoint folder); each later one samples with a seed of its own and keeps checkpoints of its own, so a
     * crash resumes the restart it was in.
     */
    private TrainingState train(StageContext ctx, PipelineConfig.Pcpo pcpo, int r, PromptModel policy,
                                PromptModel reference, RewardModel rewardModel, PcpoTrainer.AdRenderer draw,
                                List<TrainingData.Product> training, Progress progress) {
        PipelineConfig config = ctx.config();
        reference.block().freezeParameters(true);
        int size = policy.config().imageSize();
        List<PcpoTrainer.Product> products = training.stream()
                .map(p -> new PcpoTrainer.Product(p.id(), p.title(), PolicyInput.of(p.image(), size))).toList();
        PcpoTrainer.Settings settings = new PcpoTrainer.Settings(pcpo.iterations(), pcpo.batchSamples(),
                pcpo.generateNums(), pcpo.temperature(), config.promptModel().topP(), pcpo.beta().floatValue(),
                pcpo.pcpoWeight().floatValue(), pcpo.pcpoBeta().floatValue(), pcpo.learningRate(), pcpo.batchSize(),
                pcpo.epochsPerIteration(), pcpo.maskRatio(), pcpo.maskPatchesPerSide(), pcpo.maxGradNorm().floatValue(),
                StageContext.partSeed(config.seed(), r), PipelineConfig.Pcpo.RANDOM_CHOOSER.equals(pcpo.chooser()),
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
        return new PcpoTrainer(policy, reference, rewardModel, draw, settings,
                new DivergenceGuard(ctx.checkpoints(name, r, "iteration", pcpo.iterations()), name,
                        pcpo.iterations(), pcpo.learningRate()), DescriptionParser::describesBackground,
                iteration -> pretrainExamples.epoch(pretrainEpochs + iteration)).train(products, progress);
    }

    /**
     * What one restart left: its policy's folder, training state and win rate on the selection products (NaN without
     * a selection), or, for a restart that collapsed or diverged, why it was left out.
     */
    private record Restart(Path policy, TrainingState state, double winRate, String failure) {
    }

    /** Trains restart {@code r} from the pre-trained policy and, with a chooser, scores it on the selection products. */
    private Restart restart(StageContext ctx, PipelineConfig.Pcpo pcpo, int r, Path policyDir, RewardModel rewardModel,
                            PcpoTrainer.AdRenderer draw, List<TrainingData.Product> training, RestartSelection chooser,
                            Progress progress) throws IOException {
        try (PromptModel policy = PromptModel.load(policyDir); PromptModel reference = PromptModel.load(policyDir)) {
            TrainingState state;
            try {
                state = train(ctx, pcpo, r, policy, reference, rewardModel, draw, training, progress);
            } catch (DivergenceGuard.Diverged e) {
                if (pcpo.restarts() == 1) {
                    throw e;
                }
                // one restart that collapsed leaves the others to choose from
                System.err.printf("caig: %s: restart %d of %d is left out: %s%n", name, r + 1, pcpo.restarts(), e.getMessage());
                return new Restart(null, null, Double.NaN, e.getMessage());
            }
            Path dir = ctx.newDir(name + "-restart-" + r);
            policy.save(dir);
            if (chooser == null) {
                return new Restart(dir, state, Double.NaN, null);
            }
            double winRate = chooser.winRate(policy);
            System.err.printf("caig: %s: restart %d of %d wins %.3f of its pairs against the pre-trained policy on %d"
                    + " selection products%n", name, r + 1, pcpo.restarts(), winRate, chooser.products());
            return new Restart(dir, state, winRate, null);
        }
    }

    /** Per restart: its win rate on the selection products and final loss, or why it was left out. */
    private static List<Map<String, Object>> restartSummary(List<Restart> outcomes, int chosen) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int r = 0; r < outcomes.size(); r++) {
            Restart restart = outcomes.get(r);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("restart", r);
            if (restart.failure() != null) {
                row.put("leftOut", restart.failure());
            } else {
                row.put("selectionWinRate", restart.winRate());
                row.put("finalLoss", restart.state().last("loss"));
            }
            row.put("chosen", r == chosen);
            out.add(row);
        }
        return out;
    }

    static ArtifactUri source(String fromArtifact, ArtifactUri produced) {
        return fromArtifact == null ? produced : ArtifactUri.parse(fromArtifact);
    }
}

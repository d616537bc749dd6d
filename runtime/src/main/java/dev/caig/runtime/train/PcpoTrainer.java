package dev.caig.runtime.train;

import dev.caig.runtime.model.PatchMasker;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.SamplingOptions;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.text.InstructionTemplates;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * PCPO (METHOD.md section 4): K iterations of [sample descriptions from the current policy, render them with the
 * frozen renderer, let the reward model pick chosen and rejected, train one epoch of DPO + the product-centric
 * loss]. The reference is the pre-trained model, fixed for all iterations. Full fine-tuning (not LoRA) of the
 * decoder; the vision tower and projector stay frozen, as in the paper. Each iteration starts a fresh optimizer
 * with its own cosine schedule, as the paper starts a fresh LoRA, so a checkpoint is just the policy's weights.
 */
public final class PcpoTrainer {

    /** Renders the ad image of a product with a background description (the frozen renderer). */
    @FunctionalInterface
    public interface AdRenderer {
        BufferedImage render(String productId, String description);
    }

    /** A product as the policy sees it: its id, title and image (CHW 0..255 at the policy's input size). */
    public record Product(String id, String title, float[] image) {
    }

    /** What the policy is trained on each iteration. */
    public enum Objective {
        /** DPO + the product-centric loss on (chosen, rejected) pairs: the method. */
        PREFERENCE,
        /** Supervised fine-tuning on the chosen (the reward model's rank 1) alone: the best-of-N distillation baseline. */
        BEST_OF_N
    }

    public record Settings(int iterations, int batchSamples, int generateNums, double temperature, double topP,
                           float beta, float pcpoWeight, float pcpoBeta, double learningRate, int batchSize,
                           int epochsPerIteration, double maskRatio, int maskPatchesPerSide, float maxGradNorm,
                           long seed, boolean randomChooser, Objective objective, boolean describeBackgrounds,
                           Anchors anchors) {
        public Settings(int iterations, int batchSamples, int generateNums, double temperature, double topP,
                        float beta, float pcpoWeight, float pcpoBeta, double learningRate, int batchSize,
                        int epochsPerIteration, double maskRatio, int maskPatchesPerSide, float maxGradNorm,
                        long seed, boolean randomChooser) {
            this(iterations, batchSamples, generateNums, temperature, topP, beta, pcpoWeight, pcpoBeta, learningRate,
                    batchSize, epochsPerIteration, maskRatio, maskPatchesPerSide, maxGradNorm, seed, randomChooser,
                    Objective.PREFERENCE, false, Anchors.NONE);
        }
    }

    /**
     * What the policy is held to beyond the paper's losses; 0 and false leave each out (the paper's PCPO).
     *
     * @param chosenNllWeight   RPO's anchor: the chosen response's mean per-token NLL ({@link PreferenceLosses#chosenNll})
     * @param pretrainMixWeight InstructGPT's PPO-ptx: the pre-training cross-entropy on batchSize pre-training
     *                          examples in every step
     * @param refreshReference  each iteration's DPO reference is the policy as that iteration starts (iterative
     *                          DPO/RPO), not the pre-trained model: each step is anchored to the last iterate, so the
     *                          policy can move further over the iterations
     */
    public record Anchors(float chosenNllWeight, float pretrainMixWeight, boolean refreshReference) {
        public static final Anchors NONE = new Anchors(0f, 0f, false);

        public Anchors(float chosenNllWeight, float pretrainMixWeight) {
            this(chosenNllWeight, pretrainMixWeight, false);
        }
    }

    private final PromptModel policy;
    private final PromptModel reference;
    private final RewardModel rewardModel;
    private final AdRenderer renderer;
    private final Settings settings;
    private final CheckpointSink checkpoints;
    private final Predicate<String> drawable;
    private final IntFunction<List<PromptExample>> pretrainExamples;

    /** A trainer that compares every non-empty sample. */
    public PcpoTrainer(PromptModel policy, PromptModel reference, RewardModel rewardModel, AdRenderer renderer,
                       Settings settings, CheckpointSink checkpoints) {
        this(policy, reference, rewardModel, renderer, settings, checkpoints, description -> true);
    }

    /**
     * @param drawable which samples the renderer can turn into a background. Others are dropped before the reward
     *                 model sees them: a reward model has never seen a creative made from a brand name, and a policy
     *                 that learns to emit one to get a blank backdrop it happens to like is hacking the reward
     */
    public PcpoTrainer(PromptModel policy, PromptModel reference, RewardModel rewardModel, AdRenderer renderer,
                       Settings settings, CheckpointSink checkpoints, Predicate<String> drawable) {
        this(policy, reference, rewardModel, renderer, settings, checkpoints, drawable, iteration -> List.of());
    }

    /**
     * @param pretrainExamples the pre-training examples of an iteration (the pre-training mix draws its batches
     *                         from them); needed only when {@link Anchors#pretrainMixWeight} is not 0
     */
    public PcpoTrainer(PromptModel policy, PromptModel reference, RewardModel rewardModel, AdRenderer renderer,
                       Settings settings, CheckpointSink checkpoints, Predicate<String> drawable,
                       IntFunction<List<PromptExample>> pretrainExamples) {
        this.drawable = drawable;
        this.pretrainExamples = pretrainExamples;
        this.policy = policy;
        this.reference = reference;
        this.rewardModel = rewardModel;
        this.renderer = renderer;
        this.settings = settings;
        this.checkpoints = checkpoints;
        for (var block : policy.block().visionBlocks()) {
            block.freezeParameters(true);
        }
    }

    public TrainingState train(List<Product> products, Progress progress) {
        TrainingState state = CheckpointIO.restore(checkpoints, PromptModel::load, PromptModel::block, policy.block(),
                null, policy.manager(), "PCPO");
        progress.advance(state.completed());
        for (int iteration = state.completed(); iteration < settings.iterations(); iteration++) {
            Map<String, Double> metrics = iterate(iteration, window(products, iteration));
            state = state.next(metrics);
            CheckpointIO.save(checkpoints, policy::save, null, state, "PCPO");
            progress.advance(1, metrics);
        }
        return state;
    }

    /** The products of iteration i: the next window of batchSamples, starting at i * B mod N. */
    List<Product> window(List<Product> products, int iteration) {
        int n = products.size();
        int size = Math.min(settings.batchSamples(), n);
        int start = (int) (((long) iteration * settings.batchSamples()) % n);
        List<Product> out = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            out.add(products.get((start + k) % n));
        }
        return out;
    }

    private Map<String, Double> iterate(int iteration, List<Product> window) {
        List<List<String>> samples = sample(iteration, window);
        List<Product> kept = new ArrayList<>();
        List<String[]> choices = new ArrayList<>();
        double rewardSum = 0;
        int rendered = 0;
        for (int k = 0; k < window.size(); k++) {
            List<String> distinct = samples.get(k);
            if (distinct.size() < 2) {
                continue;
            }
            List<BufferedImage> renders = new ArrayList<>();
            for (String description : distinct) {
                renders.add(renderer.render(window.get(k).id(), description));
            }
            List<String> titles = java.util.Collections.nCopies(renders.size(), window.get(k).title());
            float[] scores = rewardModel.scores(renders, titles);
            for (float s : scores) {
                rewardSum += s;
                rendered++;
            }
            kept.add(window.get(k));
            choices.add(settings.randomChooser() ? pickAtRandom(distinct, iteration, k)
                    : pick(distinct, renders, scores, window.get(k).title()));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("iteration", (double) iteration + 1);
        metrics.put("products", (double) window.size());
        metrics.put("pairs", (double) kept.size());
        metrics.put("skippedProducts", (double) window.size() - kept.size());
        metrics.put("meanRewardScore", rendered == 0 ? Double.NaN : rewardSum / rendered);
        if (kept.isEmpty()) {
            return metrics;
        }
        if (settings.objective() == Objective.BEST_OF_N) {
            metrics.putAll(distil(iteration, kept, choices));
            return metrics;
        }
        List<PreferencePair> pairs = preferencePairs(iteration, kept, choices);
        metrics.putAll(trainEpochs(iteration, pairs));
        return metrics;
    }

    /**
     * generateNums descriptions per product at the sampling temperature; duplicates, empty answers and answers the
     * renderer cannot draw are dropped.
     */
    private List<List<String>> sample(int iteration, List<Product> window) {
        List<float[]> images = new ArrayList<>();
        List<String> instructions = new ArrayList<>();
        long[] seeds = new long[window.size() * settings.generateNums()];
        for (int k = 0; k < window.size(); k++) {
            for (int g = 0; g < settings.generateNums(); g++) {
                images.add(window.get(k).image());
                instructions.add(InstructionTemplates.backgroundFor(window.get(k).title()));
                seeds[k * settings.generateNums() + g] = mix(settings.seed(), iteration, k, g);
            }
        }
        SamplingOptions options = new SamplingOptions(settings.temperature(), settings.topP(),
                policy.encoder().maxAnswerTokens());
        List<String> answers = policy.generate(images, instructions,
                settings.describeBackgrounds() ? options.describingBackgrounds() : options, seeds);
        List<List<String>> out = new ArrayList<>();
        for (int k = 0; k < window.size(); k++) {
            LinkedHashSet<String> distinct = new LinkedHashSet<>();
            for (int g = 0; g < settings.generateNums(); g++) {
                String a = answers.get(k * settings.generateNums() + g).trim();
                if (!a.isEmpty() && drawable.test(a)) {
                    distinct.add(a);
                }
            }
            out.add(new ArrayList<>(distinct));
        }
        return out;
    }

    /**
     * [chosen, rejected]. With two candidates, one RM call on [render_0 | render_1] decides (ties go left), as in
     * the paper; with more, the best and worst single-image scores.
     */
    private String[] pick(List<String> descriptions, List<BufferedImage> renders, float[] scores, String title) {
        if (descriptions.size() == 2) {
            int winner = rewardModel.prefer(List.of(renders.get(0)), List.of(renders.get(1)), List.of(title))[0];
            return new String[] {descriptions.get(winner), descriptions.get(1 - winner)};
        }
        int best = 0;
        int worst = 0;
        for (int i = 1; i < scores.length; i++) {
            best = scores[i] > scores[best] ? i : best;
            worst = scores[i] < scores[worst] ? i : worst;
        }
        return new String[] {descriptions.get(best), descriptions.get(worst)};
    }

    /** [chosen, rejected] drawn at random (seeded): the ablation without the reward model's judgement. */
    private String[] pickAtRandom(List<String> descriptions, int iteration, int k) {
        Random random = new Random(mix(settings.seed(), iteration, k, -2));
        int chosen = random.nextInt(descriptions.size());
        int rejected = (chosen + 1 + random.nextInt(descriptions.size() - 1)) % descriptions.size();
        return new String[] {descriptions.get(chosen), descriptions.get(rejected)};
    }

    /** Adds the product-centric noise triple: masked image or another product's caption, with probability 0.5 each. */
    private List<PreferencePair> preferencePairs(int iteration, List<Product> kept, List<String[]> choices) {
        PatchMasker masker = new PatchMasker(settings.maskPatchesPerSide(), settings.maskRatio());
        int size = policy.config().imageSize();
        Random random = new Random(mix(settings.seed(), iteration, -1, -1));
        List<PreferencePair> pairs = new ArrayList<>();
        for (int k = 0; k < kept.size(); k++) {
            Product p = kept.get(k);
            String instruction = InstructionTemplates.backgroundFor(p.title());
            String chosen = choices.get(k)[0];
            boolean maskImage = random.nextBoolean() || kept.size() < 2;
            if (maskImage) {
                pairs.add(new PreferencePair(p.image(), instruction, chosen, choices.get(k)[1],
                        masker.mask(p.image(), size, random), instruction, chosen));
            } else {
                int other = (k + 1 + random.nextInt(kept.size() - 1)) % kept.size();
                pairs.add(new PreferencePair(p.image(), instruction, chosen, choices.get(k)[1], p.image(),
                        InstructionTemplates.backgroundFor(kept.get(other).title()), choices.get(other)[0]));
            }
        }
        return pairs;
    }

    private Map<String, Double> trainEpochs(int iteration, List<PreferencePair> pairs) {
        if (settings.anchors().refreshReference()) {
            copyWeights(policy, reference);
        }
        int stepsPerEpoch = (pairs.size() + settings.batchSize() - 1) / settings.batchSize();
        AdamW optimizer = new AdamW(policy.block(), policy.manager(),
                LearningRateSchedule.cosine(settings.learningRate(), 0, (long) stepsPerEpoch * settings.epochsPerIteration()),
                0f, settings.maxGradNorm());
        PreferenceTrainer trainer = new PreferenceTrainer(policy, reference, optimizer,
                new PreferenceTrainer.Settings(settings.beta(), settings.pcpoBeta(), settings.pcpoWeight(),
                        settings.anchors().chosenNllWeight(), settings.anchors().pretrainMixWeight()));
        List<PromptExample> mixPool = settings.anchors().pretrainMixWeight() == 0f ? List.of()
                : pretrainExamples.apply(iteration);
        Random mixDraws = new Random(mix(settings.seed(), iteration, -3, -3));
        double loss = 0;
        double dpo = 0;
        double pc = 0;
        double nll = 0;
        double pretrainMix = 0;
        double margin = 0;
        double accuracy = 0;
        int steps = 0;
        for (int epoch = 0; epoch < settings.epochsPerIteration(); epoch++) {
            List<PreferencePair> order = new ArrayList<>(pairs);
            java.util.Collections.shuffle(order, new Random(mix(settings.seed(), iteration, epoch, -2)));
            for (int from = 0; from < order.size(); from += settings.batchSize()) {
                PreferenceStepResult r = trainer.step(order.subList(from, Math.min(order.size(), from + settings.batchSize())),
                        draw(mixPool, settings.batchSize(), mixDraws));
                loss += r.loss();
                dpo += r.dpoLoss();
                pc += r.pcLoss();
                nll += r.chosenNll();
                pretrainMix += r.pretrainMix();
                margin += r.rewardMargin();
                accuracy += r.accuracy();
                steps++;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss / steps);
        m.put("dpoLoss", dpo / steps);
        m.put("pcLoss", pc / steps);
        if (settings.anchors().chosenNllWeight() != 0f) {
            m.put("chosenNll", nll / steps);
        }
        if (settings.anchors().pretrainMixWeight() != 0f) {
            m.put("pretrainMix", pretrainMix / steps);
        }
        m.put("rewardMargin", margin / steps);
        m.put("rewardAccuracy", accuracy / steps);
        return m;
    }

    /** Overwrites {@code to}'s weights with {@code from}'s (same architecture: the reference is a copy). */
    private static void copyWeights(PromptModel from, PromptModel to) {
        var source = from.block().getParameters();
        var target = to.block().getParameters();
        try (dev.caig.runtime.model.NoGrad ignored = dev.caig.runtime.model.NoGrad.enter()) {
            for (int i = 0; i < source.size(); i++) {
                if (!source.keyAt(i).equals(target.keyAt(i))) {
                    throw new IllegalStateException("reference and policy differ at parameter " + source.keyAt(i));
                }
                target.valueAt(i).getArray().set(new ai.djl.ndarray.index.NDIndex("..."), source.valueAt(i).getArray());
            }
        }
    }

    /** n examples of the pool drawn at random (none from an empty pool). */
    private static List<PromptExample> draw(List<PromptExample> pool, int n, Random random) {
        if (pool.isEmpty()) {
            return List.of();
        }
        List<PromptExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(pool.get(random.nextInt(pool.size())));
        }
        return out;
    }

    /** Best-of-N distillation: next-token cross-entropy on each product's chosen description, same schedule as PCPO. */
    private Map<String, Double> distil(int iteration, List<Product> kept, List<String[]> choices) {
        List<PromptExample> examples = new ArrayList<>();
        for (int k = 0; k < kept.size(); k++) {
            examples.add(new PromptExample(kept.get(k).image(), InstructionTemplates.backgroundFor(kept.get(k).title()),
                    choices.get(k)[0]));
        }
        int stepsPerEpoch = (examples.size() + settings.batchSize() - 1) / settings.batchSize();
        AdamW optimizer = new AdamW(policy.block(), policy.manager(),
                LearningRateSchedule.cosine(settings.learningRate(), 0, (long) stepsPerEpoch * settings.epochsPerIteration()),
                0f, settings.maxGradNorm());
        ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(policy.manager(), false);
        double loss = 0;
        int steps = 0;
        for (int epoch = 0; epoch < settings.epochsPerIteration(); epoch++) {
            List<PromptExample> order = new ArrayList<>(examples);
            java.util.Collections.shuffle(order, new Random(mix(settings.seed(), iteration, epoch, -2)));
            for (int from = 0; from < order.size(); from += settings.batchSize()) {
                loss += AnswerCrossEntropy.backward(policy, ps, order.subList(from, Math.min(order.size(), from + settings.batchSize())));
                optimizer.step();
                steps++;
            }
        }
        return Map.of("loss", loss / steps);
    }

    /** A seed that depends on every coordinate, so each sample is reproducible on its own. */
    static long mix(long seed, int a, int b, int c) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h = (h ^ a) * 0xBF58476D1CE4E5B9L;
        h = (h ^ b) * 0x94D049BB133111EBL;
        return h ^ c;
    }
}

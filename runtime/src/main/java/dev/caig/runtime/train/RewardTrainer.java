package dev.caig.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.caig.runtime.model.ImageTensors;
import dev.caig.runtime.model.NoGrad;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.progress.Progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Trains the reward model on side-by-side pairs with the paper's loss
 * {@code L = CE(class_logits, label) + 0.5 * MSE(ctr_head, [ctr_left, ctr_right])}, where CTRs are rescaled to
 * percent ({@link RewardModel#CTR_SCALE}) so the regression term matters. One checkpoint per epoch.
 *
 * <p>With a positive {@code pointwiseWeight} each step also reads the trusted creatives of one training product and
 * adds {@code pointwiseWeight * MSE(score - mean score, LOG_CTR_SCALE * centred log CTR)}: the single-image score
 * (the logit the pair decision compares) learns what each scene adds for its product from every creative with
 * enough impressions, not only from the few that form paper pairs. Scores are centred per product too, so the term
 * says nothing about a product's level, which the pair decision never uses.
 */
public final class RewardTrainer {
    public record Settings(int epochs, int batchSize, double learningRate, long seed, double pointwiseWeight,
                           double sceneWeight, int scenePasses) {
        /** The scene term with the default passes over the renderer's ads before the clicks. */
        public Settings(int epochs, int batchSize, double learningRate, long seed, double pointwiseWeight,
                        double sceneWeight) {
            this(epochs, batchSize, learningRate, seed, pointwiseWeight, sceneWeight, DEFAULT_SCENE_PASSES);
        }

        /** The paper's loss alone. */
        public Settings(int epochs, int batchSize, double learningRate, long seed) {
            this(epochs, batchSize, learningRate, seed, 0);
        }

        /** Without the scene term. */
        public Settings(int epochs, int batchSize, double learningRate, long seed, double pointwiseWeight) {
            this(epochs, batchSize, learningRate, seed, pointwiseWeight, 0);
        }
    }

    /**
     * Score units per unit of centred log CTR in the pointwise term. With the paper's thresholds a creative's log CTR
     * has a noise SD of about 0.2, so two creatives 0.1 apart in log CTR are ordered right about 2 times in 3, a
     * logit gap of about 0.5: this scale keeps the pointwise targets in the units the pair loss gives the logits.
     */
    public static final float LOG_CTR_SCALE = 5f;

    private final RewardModel model;
    private final Settings settings;
    private final CheckpointSink checkpoints;

    public RewardTrainer(RewardModel model, Settings settings, CheckpointSink checkpoints) {
        this.model = model;
        this.settings = settings;
        this.checkpoints = checkpoints;
    }

    /**
     * @param images     creative images, CHW 0..255 at the model's input size
     * @param train      training pairs
     * @param validation held-out pairs, scored after every epoch (may be empty)
     */
    public TrainingState train(List<float[]> images, List<RewardExample> train, List<RewardExample> validation, Progress progress) {
        return train(images, train, List.of(), validation, progress);
    }

    /**
     * @param groups per training product, its creatives' centred log CTRs for the pointwise term (read only with a
     *               positive {@code pointwiseWeight}; one product per step, cycling in a per-epoch shuffled order)
     */
    public TrainingState train(List<float[]> images, List<RewardExample> train, List<RewardGroup> groups,
                               List<RewardExample> validation, Progress progress) {
        return train(images, train, groups, List.of(), validation, progress);
    }

    /**
     * @param validation pairs of training products set aside (never trained on): scored every epoch, and the model
     *                   ends with the weights of the epoch that scored best on them (empty: the last epoch's)
     * @param heldOut    pairs of the held-out products, scored every epoch for the record only (may be empty)
     */
    public TrainingState train(List<float[]> images, List<RewardExample> train, List<RewardGroup> groups,
                               List<RewardExample> validation, List<RewardExample> heldOut, Progress progress) {
        return train(images, train, groups, List.of(), validation, heldOut, progress);
    }

    /**
     * @param scenes the renderer's own ads with their descriptions' slot values, for the scene term (read only with a
     *               positive {@code sceneWeight} and a model with a scene head; a batch of them per step, cycling)
     */
    public TrainingState train(List<float[]> images, List<RewardExample> train, List<RewardGroup> groups,
                               List<SceneExample> scenes, List<RewardExample> validation, List<RewardExample> heldOut,
                               Progress progress) {
        boolean pointwise = settings.pointwiseWeight() > 0 && !groups.isEmpty();
        boolean seeing = settings.sceneWeight() > 0 && !scenes.isEmpty() && model.config().sceneValues() > 0;
        int stepsPerEpoch = PretrainTrainer.ceilDiv(train.size(), settings.batchSize());
        Optional<Path> checkpoint = checkpoints.latest(); // fetched once: the best epoch is read from it too
        ParameterStore ps = new ParameterStore(model.manager(), false);
        // a resumed run's checkpoint holds what the first run learnt from the scene ads
        double sceneLossBeforeClicks = seeing && checkpoint.isEmpty() ? learnToSee(ps, images, scenes) : Double.NaN;
        AdamW optimizer = new AdamW(model.block(), model.manager(),
                LearningRateSchedule.cosine(settings.learningRate(), Math.min(20, stepsPerEpoch),
                        (long) stepsPerEpoch * settings.epochs()), 1e-4f, 1f);
        TrainingState state = CheckpointIO.restore(checkpoint, RewardModel::load, m -> m.block(), model.block(), optimizer,
                model.manager(), "reward-model training");
        BestEpoch best = new BestEpoch();
        if (state.completed() > 0 && !validation.isEmpty()) {
            checkpoint.ifPresent(dir -> {
                try {
                    best.read(dir, model.manager());
                } catch (IOException e) {
                    throw new dev.caig.runtime.CaigException("cannot resume reward-model training: " + dir + ": " + e.getMessage(), e);
                }
            });
        }
        progress.advance(state.completed());
        for (int epoch = state.completed(); epoch < settings.epochs(); epoch++) {
            List<RewardExample> order = new ArrayList<>(train);
            Collections.shuffle(order, new Random(settings.seed() * 1_000_003L + epoch));
            double loss = 0;
            Random flips = new Random(settings.seed() * 31L + epoch);
            List<RewardGroup> products = new ArrayList<>(groups);
            Collections.shuffle(products, new Random(settings.seed() * 7_919L + epoch));
            List<SceneExample> sceneOrder = new ArrayList<>(scenes);
            Collections.shuffle(sceneOrder, new Random(settings.seed() * 104_729L + epoch));
            double pointwiseLoss = 0;
            double sceneLoss = 0;
            int stepIndex = 0;
            int sceneIndex = 0;
            for (int from = 0; from < order.size(); from += settings.batchSize()) {
                List<SceneExample> sceneBatch = new ArrayList<>();
                for (int k = 0; seeing && k < 2 * ((settings.batchSize() + 1) / 2); k++) {
                    sceneBatch.add(sceneOrder.get(sceneIndex++ % sceneOrder.size()));
                }
                float[] losses = step(ps, images, order.subList(from, Math.min(order.size(), from + settings.batchSize())),
                        pointwise ? products.get(stepIndex++ % products.size()) : null, sceneBatch, flips);
                if (Float.isFinite(losses[0])) { // a step the optimizer skips (non-finite) does not poison the mean
                    loss += losses[0];
                    pointwiseLoss += losses[1];
                    sceneLoss += losses[2];
                }
                optimizer.step();
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss", loss / stepsPerEpoch);
            if (optimizer.skippedSteps() > 0) {
                metrics.put("skippedSteps", (double) optimizer.skippedSteps());
            }
            if (pointwise) {
                metrics.put("pointwiseLoss", pointwiseLoss / stepsPerEpoch);
            }
            if (seeing) {
                if (epoch == 0 && !Double.isNaN(sceneLossBeforeClicks)) {
                    metrics.put("sceneLossBeforeClicks", sceneLossBeforeClicks);
                }
                metrics.put("sceneLoss", sceneLoss / stepsPerEpoch);
            }
            metrics.put("trainAccuracy", accuracy(model, images, train));
            if (!validation.isEmpty()) {
                double score = accuracy(model, images, validation);
                metrics.put("validationAccuracy", score);
                best.offer(epoch + 1, score, model.block());
            }
            if (!heldOut.isEmpty()) {
                metrics.put("heldOutAccuracy", accuracy(model, images, heldOut));
            }
            state = state.next(metrics);
            CheckpointIO.save(checkpoints, dir -> {
                model.save(dir);
                best.write(dir, model.manager());
            }, optimizer, state, "reward-model training");
            progress.advance(1, metrics);
        }
        best.restoreInto(model.block());
        return state;
    }

    /**
     * The epoch (1-based) whose weights a run with validation pairs ends with: the best validation accuracy, the
     * earliest on ties; the last epoch without validation pairs.
     */
    public static int selectedEpoch(TrainingState state) {
        int selected = state.history().size();
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < state.history().size(); i++) {
            Double score = state.history().get(i).get("validationAccuracy");
            if (score == null) {
                return state.history().size();
            }
            if (score > best) {
                best = score;
                selected = i + 1;
            }
        }
        return selected;
    }

    /**
     * Before any click: {@code scenePasses} passes over the renderer's labelled ads with the scene term alone, at
     * {@link #SCENE_LEARNING_RATE}, so the trunk already tells backgrounds apart when the noisy pairs start. Returns
     * the scene loss of the last pass.
     */
    private double learnToSee(ParameterStore ps, List<float[]> images, List<SceneExample> scenes) {
        int perStep = 2 * ((settings.batchSize() + 1) / 2);
        List<SceneExample> order = new ArrayList<>();
        for (int pass = 0; pass < settings.scenePasses(); pass++) {
            List<SceneExample> shuffled = new ArrayList<>(scenes);
            Collections.shuffle(shuffled, new Random(settings.seed() * 13L + pass));
            order.addAll(shuffled);
        }
        int steps = order.size() / perStep;
        int lastPassFrom = steps - Math.max(1, steps / settings.scenePasses());
        double lastPassLoss = 0;
        AdamW optimizer = new AdamW(model.block(), model.manager(),
                LearningRateSchedule.cosine(SCENE_LEARNING_RATE, Math.min(20, steps), steps), 1e-4f, 1f);
        Random flips = new Random(settings.seed() * 17L);
        int size = model.imageSize();
        for (int step = 0; step < steps; step++) {
            try (NDManager scratch = model.manager().newSubManager();
                 GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                List<SceneExample> batch = new ArrayList<>();
                List<float[]> pairs = new ArrayList<>();
                for (int k = 0; k < perStep / 2; k++) {
                    SceneExample left = order.get(step * perStep + 2 * k);
                    SceneExample right = order.get(step * perStep + 2 * k + 1);
                    batch.add(left);
                    batch.add(right);
                    pairs.add(sideBySide(maybeMirror(images.get(left.image()), size, flips.nextBoolean()),
                            maybeMirror(images.get(right.image()), size, flips.nextBoolean()), size));
                }
                NDList out = model.forwardPairs(ps, ImageTensors.batch(scratch, pairs, size, 2 * size),
                        model.titleBatch(scratch, Collections.nCopies(pairs.size(), "")), true);
                NDArray term = sceneTerm(scratch, out.get(2), 0, pairs.size(), batch);
                if (step >= lastPassFrom) {
                    lastPassLoss += term.getFloat();
                }
                gc.backward(term);
            }
            optimizer.step();
        }
        return steps == 0 ? Double.NaN : lastPassLoss / (steps - lastPassFrom);
    }

    /**
     * Passes over the scene ads before the pairs. 8 left the trunk near the base rate on paper.yaml's ads (scene loss
     * 0.28 against 0.31); see {@code reward.scenePasses} in the README.
     */
    public static final int DEFAULT_SCENE_PASSES = 8;
    /** Peak learning rate of those passes: exact labels take a larger step than noisy clicks. */
    static final double SCENE_LEARNING_RATE = 2e-3;
    /**
     * Offset of the scene logits: about the log-odds of one slot value out of the grammar's ~80 (a description names
     * 6), so the head starts from the right base rate instead of spending its first thousand steps getting there.
     */
    static final float SCENE_PRIOR_LOGIT = -2.5f;

    /**
     * The scene term over {@code count} side-by-side pairs from pair {@code from} on, of a forward pass over
     * {@code all} pairs; {@code scenes} in pair order (left, right, left, right...).
     */
    private NDArray sceneTerm(NDManager scratch, NDArray sceneOutput, int from, int all, List<SceneExample> scenes) {
        int count = scenes.size() / 2;
        NDArray logits = sceneOutput.get(from + ":" + (from + count))
                .concat(sceneOutput.get((all + from) + ":" + (all + from + count)), 0).add(SCENE_PRIOR_LOGIT);
        int values = model.config().sceneValues();
        float[] targets = new float[2 * count * values];
        for (int k = 0; k < count; k++) {
            System.arraycopy(scenes.get(2 * k).target(), 0, targets, k * values, values);
            System.arraycopy(scenes.get(2 * k + 1).target(), 0, targets, (count + k) * values, values);
        }
        return binaryCrossEntropy(logits, scratch.create(targets, new Shape(2L * count, values)));
    }

    /**
     * One gradient step. Each half is mirrored left-right at random (seeded per epoch, so a resumed run sees the
     * same flips): what makes an ad click does not depend on its orientation, and the augmentation keeps a small
     * CNN from memorising noisy labels. Returns the total loss and the pointwise term alone (0 without a group).
     */
    private float[] step(ParameterStore ps, List<float[]> images, List<RewardExample> batch, RewardGroup group,
                         List<SceneExample> scenes, Random flips) {
        try (NDManager scratch = model.manager().newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            int size = model.imageSize();
            List<float[]> pairs = new ArrayList<>();
            List<String> titles = new ArrayList<>();
            for (RewardExample e : batch) {
                pairs.add(sideBySide(maybeMirror(images.get(e.left()), size, flips.nextBoolean()),
                        maybeMirror(images.get(e.right()), size, flips.nextBoolean()), size));
                titles.add(e.title());
            }
            int b = batch.size();
            if (group != null) {
                List<float[]> groupPairs = groupPairs(images, group, size, flips);
                pairs.addAll(groupPairs);
                titles.addAll(Collections.nCopies(groupPairs.size(), group.title()));
            }
            int sceneFrom = pairs.size();
            for (int k = 0; k + 1 < scenes.size(); k += 2) {
                pairs.add(sideBySide(maybeMirror(images.get(scenes.get(k).image()), size, flips.nextBoolean()),
                        maybeMirror(images.get(scenes.get(k + 1).image()), size, flips.nextBoolean()), size));
                titles.add(""); // the scene head reads the image features before the title
            }
            int scenePairs = pairs.size() - sceneFrom;
            // One forward pass for the pairs and the group together: a second pass through the trunk in the same
            // step made the backward pass return non-finite gradients at random steps (a native fault, as in
            // RewardModelStabilityTest); with one pass per step, as without the group, it did not.
            NDList out = model.forwardPairs(ps, ImageTensors.batch(scratch, pairs, size, 2 * size),
                    model.titleBatch(scratch, titles), true);
            NDArray logits = pairs.size() == b ? out.get(0) : out.get(0).get("0:" + b);
            NDArray predictedCtrs = pairs.size() == b ? out.get(1) : out.get(1).get("0:" + b);
            float[] labels = new float[b];
            float[] ctrs = new float[2 * b];
            for (int i = 0; i < b; i++) {
                labels[i] = batch.get(i).label();
                ctrs[2 * i] = batch.get(i).ctrLeft() * RewardModel.CTR_SCALE;
                ctrs[2 * i + 1] = batch.get(i).ctrRight() * RewardModel.CTR_SCALE;
            }
            NDArray labelArray = scratch.create(labels).toType(ai.djl.ndarray.types.DataType.INT64, false).expandDims(1);
            NDArray ce = logits.logSoftmax(1).gather(labelArray, 1).neg().mean();
            NDArray mse = predictedCtrs.sub(scratch.create(ctrs, new Shape(b, 2))).square().mean();
            NDArray loss = ce.add(mse.mul(0.5f));
            float pointwise = 0;
            if (group != null) {
                int n = group.images().size();
                NDArray scores = out.get(0).get(b + ":").reshape(2L * (pairs.size() - b)).get("0:" + n);
                float[] targets = new float[n];
                for (int i = 0; i < n; i++) {
                    targets[i] = group.targets()[i] * LOG_CTR_SCALE;
                }
                NDArray term = centredMse(scores, scratch.create(targets));
                pointwise = term.getFloat();
                loss = loss.add(term.mul((float) settings.pointwiseWeight()));
            }
            float seen = 0;
            if (scenePairs > 0) {
                NDArray term = sceneTerm(scratch, out.get(2), sceneFrom, pairs.size(), scenes);
                seen = term.getFloat();
                loss = loss.add(term.mul((float) settings.sceneWeight()));
            }
            gc.backward(loss);
            return new float[] {loss.getFloat(), pointwise, seen};
        }
    }

    /**
     * The group's creatives two to a side-by-side image, in order (an odd one out beside the first creative, whose
     * second score is then dropped), so that they are scored by the same pair path as the training pairs.
     */
    private static List<float[]> groupPairs(List<float[]> images, RewardGroup group, int size, Random flips) {
        int n = group.images().size();
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < n; k += 2) {
            float[] left = maybeMirror(images.get(group.images().get(k)), size, flips.nextBoolean());
            float[] right = k + 1 < n ? maybeMirror(images.get(group.images().get(k + 1)), size, flips.nextBoolean())
                    : images.get(group.images().get(0));
            out.add(sideBySide(left, right, size));
        }
        return out;
    }

    /** Mean binary cross-entropy of logits against 0/1 targets, in the form that cannot overflow. */
    static NDArray binaryCrossEntropy(NDArray logits, NDArray targets) {
        return logits.maximum(0f).sub(logits.mul(targets)).add(logits.abs().neg().exp().add(1f).log()).mean();
    }

    /** mean((s - mean(s) - t)^2): blind to a shift of all scores, which the targets (centred) do not constrain. */
    static NDArray centredMse(NDArray scores, NDArray targets) {
        return scores.sub(scores.mean()).sub(targets).square().mean();
    }

    /** Share of pairs where the model's decision (left iff logit_left >= logit_right) matches the label. */
    public static double accuracy(RewardModel model, List<float[]> images, List<RewardExample> pairs) {
        if (pairs.isEmpty()) {
            return Double.NaN;
        }
        ParameterStore ps = new ParameterStore(model.manager(), false);
        int correct = 0;
        for (int from = 0; from < pairs.size(); from += 64) {
            List<RewardExample> batch = pairs.subList(from, Math.min(pairs.size(), from + 64));
            try (NoGrad ignored = NoGrad.enter(); NDManager scratch = model.manager().newSubManager()) {
                float[] logits = model.meanPairLogits(ps, pairBatch(scratch, images, batch, model.imageSize()),
                        titles(model, scratch, batch));
                for (int i = 0; i < batch.size(); i++) {
                    int decision = logits[2 * i] >= logits[2 * i + 1] ? 0 : 1;
                    correct += decision == batch.get(i).label() ? 1 : 0;
                }
            }
        }
        return (double) correct / pairs.size();
    }

    private static NDArray titles(RewardModel model, NDManager manager, List<RewardExample> batch) {
        return model.titleBatch(manager, batch.stream().map(RewardExample::title).toList());
    }

    /** (B,3,S,2S) normalised side-by-side images of a batch of pairs. */
    static NDArray pairBatch(NDManager manager, List<float[]> images, List<RewardExample> batch, int size) {
        List<float[]> pairs = new ArrayList<>();
        for (RewardExample e : batch) {
            pairs.add(sideBySide(images.get(e.left()), images.get(e.right()), size));
        }
        return ImageTensors.batch(manager, pairs, size, 2 * size);
    }

    /** A CHW image mirrored left-right, or the image itself. */
    static float[] maybeMirror(float[] chw, int size, boolean mirror) {
        if (!mirror) {
            return chw;
        }
        float[] out = new float[chw.length];
        for (int row = 0; row < 3 * size; row++) {
            for (int x = 0; x < size; x++) {
                out[row * size + x] = chw[row * size + size - 1 - x];
            }
        }
        return out;
    }

    static float[] sideBySide(float[] left, float[] right, int size) {
        float[] out = new float[3 * size * 2 * size];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                int src = c * size * size + y * size;
                int dst = c * size * 2 * size + y * 2 * size;
                System.arraycopy(left, src, out, dst, size);
                System.arraycopy(right, src, out, dst + size, size);
            }
        }
        return out;
    }
}

package dev.caig.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.caig.runtime.model.EncodedPrompt;
import dev.caig.runtime.model.ImageTensors;
import dev.caig.runtime.model.NoGrad;
import dev.caig.runtime.model.PromptModel;

import java.util.ArrayList;
import java.util.List;

/**
 * One gradient step of DPO + the product-centric loss (+ the chosen response's NLL, when weighted) on a batch of
 * {@link PreferencePair}s. The policy scores chosen, rejected and noise sequences in one forward pass; the frozen
 * reference scores the same three without gradients.
 */
public final class PreferenceTrainer {
    /**
     * beta, pcpo_beta and pcpo_weight of METHOD.md section 4, and the weights of two anchors (0, the paper's loss,
     * leaves each out): RPO's ({@link PreferenceLosses#chosenNll}) and the pre-training mix (InstructGPT's PPO-ptx:
     * the pre-training cross-entropy on a batch of pre-training examples, taken in the same step).
     */
    public record Settings(float beta, float pcpoBeta, float pcpoWeight, float chosenNllWeight, float pretrainMixWeight) {
        public Settings(float beta, float pcpoBeta, float pcpoWeight) {
            this(beta, pcpoBeta, pcpoWeight, 0f, 0f);
        }
    }

    private final PromptModel policy;
    private final PromptModel reference;
    private final AdamW optimizer;
    private final Settings settings;

    public PreferenceTrainer(PromptModel policy, PromptModel reference, AdamW optimizer, Settings settings) {
        this.policy = policy;
        this.reference = reference;
        this.optimizer = optimizer;
        this.settings = settings;
    }

    public PreferenceStepResult step(List<PreferencePair> pairs) {
        return step(pairs, List.of());
    }

    /** One step; {@code anchor} holds the pre-training examples of the pre-training mix (unused at weight 0). */
    public PreferenceStepResult step(List<PreferencePair> pairs, List<PromptExample> anchor) {
        PreferenceStepResult result;
        try (NDManager scratch = policy.manager().newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            Losses losses = losses(scratch, pairs, anchor, true);
            gc.backward(losses.total);
            result = losses.result();
        }
        optimizer.step();
        return result;
    }

    /** The losses without a gradient step (for tests and evaluation). */
    public PreferenceStepResult evaluate(List<PreferencePair> pairs) {
        return evaluate(pairs, List.of());
    }

    /** The losses, the pre-training mix's included, without a gradient step. */
    public PreferenceStepResult evaluate(List<PreferencePair> pairs, List<PromptExample> anchor) {
        try (NoGrad ignored = NoGrad.enter(); NDManager scratch = policy.manager().newSubManager()) {
            return losses(scratch, pairs, anchor, false).result();
        }
    }

    private Losses losses(NDManager scratch, List<PreferencePair> pairs, List<PromptExample> anchor, boolean training) {
        int size = policy.config().imageSize();
        List<float[]> images = new ArrayList<>();
        List<EncodedPrompt> sequences = new ArrayList<>();
        float[] chosenTokens = new float[pairs.size()];
        for (PreferencePair p : pairs) {
            images.add(p.image());
            EncodedPrompt chosen = policy.encoder().encode(p.instruction(), p.chosen());
            chosenTokens[sequences.size()] = java.util.Arrays.stream(chosen.answerMask()).sum();
            sequences.add(chosen);
        }
        for (PreferencePair p : pairs) {
            images.add(p.image());
            sequences.add(policy.encoder().encode(p.instruction(), p.rejected()));
        }
        for (PreferencePair p : pairs) {
            images.add(p.noiseImage());
            sequences.add(policy.encoder().encode(p.noiseInstruction(), p.noiseAnswer()));
        }
        NDArray imageBatch = ImageTensors.batch(scratch, images, size, size);
        NDArray policyLp = policy.answerLogProb(new ParameterStore(policy.manager(), false), imageBatch, sequences, training);
        NDArray referenceLp = reference.answerLogProb(new ParameterStore(reference.manager(), false), imageBatch, sequences, false)
                .stopGradient();
        int n = pairs.size();
        NDArray pw = policyLp.get("0:" + n);
        NDArray pl = policyLp.get(n + ":" + 2 * n);
        NDArray pn = policyLp.get(2 * n + ":");
        NDArray rw = referenceLp.get("0:" + n);
        NDArray rl = referenceLp.get(n + ":" + 2 * n);
        NDArray rn = referenceLp.get(2 * n + ":");
        NDArray margin = PreferenceLosses.dpoMargin(pw, pl, rw, rl);
        NDArray dpo = PreferenceLosses.dpo(margin, settings.beta());
        NDArray pc = PreferenceLosses.productCentric(pw, pn, rw, rn, settings.pcpoBeta(), settings.pcpoWeight());
        NDArray total = dpo.add(pc);
        NDArray nll = null;
        if (settings.chosenNllWeight() != 0f) {   // 0: the paper's loss, not even a zero term in the graph
            nll = PreferenceLosses.chosenNll(pw, scratch.create(chosenTokens), settings.chosenNllWeight());
            total = total.add(nll);
        }
        total = total.mean();
        NDArray mix = null;
        if (settings.pretrainMixWeight() != 0f && !anchor.isEmpty()) {
            mix = AnswerCrossEntropy.loss(policy, new ParameterStore(policy.manager(), false), scratch, anchor, training)
                    .mul(settings.pretrainMixWeight());
            total = total.add(mix);
        }
        return new Losses(total, dpo, pc, nll, mix, margin, settings.beta());
    }

    private record Losses(NDArray total, NDArray dpo, NDArray pc, NDArray nll, NDArray mix, NDArray margin, float beta) {
        PreferenceStepResult result() {
            return new PreferenceStepResult(total.getFloat(), dpo.mean().getFloat(), pc.mean().getFloat(),
                    nll == null ? 0.0 : nll.mean().getFloat(), mix == null ? 0.0 : mix.getFloat(),
                    margin.mul(beta).mean().getFloat(),
                    margin.gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mean().getFloat());
        }
    }
}

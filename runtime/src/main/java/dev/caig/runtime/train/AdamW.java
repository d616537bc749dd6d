package dev.caig.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.caig.runtime.model.NoGrad;

import java.util.ArrayList;
import java.util.List;

/**
 * AdamW with global gradient-norm clipping and a learning-rate schedule. Written here rather than using DJL's
 * optimizer because its moments must be saved in checkpoints: a stage killed and re-run resumes with the same
 * optimizer state and ends bit-identical to an uninterrupted run.
 */
public final class AdamW {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final List<Parameter> parameters = new ArrayList<>();
    private final NDManager stateManager;
    private final LearningRateSchedule schedule;
    private final float weightDecay;
    private final float maxGradNorm;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    // The constants as 0-d arrays, made once: DJL's mul(Number) and friends wrap the number in a new native array
    // on every call (a direct buffer, a JNI call and a close), about 12 µs against under 1 µs for the operation
    // itself on small tensors; the optimizer made eleven of those per parameter per step.
    private final NDArray beta1;
    private final NDArray oneMinusBeta1;
    private final NDArray beta2;
    private final NDArray oneMinusBeta2;
    private final NDArray epsilon;
    private final NDArray weightDecayFactor;
    private final NDArray zero;
    private long step;
    private int nonFiniteInARow;
    private long skippedSteps;

    /**
     * Steps with a non-finite gradient in a row before training counts as diverged. A single one is skipped: the
     * CPU backward pass of the reward model has returned one at a random step of an otherwise healthy run (a rerun
     * of the same stage from the same inputs passed, with the same accuracy), so one bad step must not lose a run.
     */
    static final int MAX_NON_FINITE_IN_A_ROW = 5;

    /**
     * @param block       the model; parameters that do not require gradients (frozen) are left alone
     * @param maxGradNorm clip the global gradient norm to this; 0 or less disables clipping
     */
    public AdamW(Block block, NDManager manager, LearningRateSchedule schedule, float weightDecay, float maxGradNorm) {
        this.stateManager = manager.newSubManager();
        this.schedule = schedule;
        this.weightDecay = weightDecay;
        this.maxGradNorm = maxGradNorm;
        beta1 = stateManager.create(BETA1);
        oneMinusBeta1 = stateManager.create(1 - BETA1);
        beta2 = stateManager.create(BETA2);
        oneMinusBeta2 = stateManager.create(1 - BETA2);
        epsilon = stateManager.create(EPSILON);
        weightDecayFactor = stateManager.create(weightDecay);
        zero = stateManager.create(0f);
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter p = entry.getValue();
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(true);
                parameters.add(p);
                firstMoments.add(stateManager.zeros(p.getArray().getShape()));
                secondMoments.add(stateManager.zeros(p.getArray().getShape()));
            }
        }
    }

    /** Applies one update from the gradients of the last backward pass, then clears them. Returns the gradient norm. */
    public float step() {
        try (NoGrad ignored = NoGrad.enter(); NDManager stepScalars = stateManager.newSubManager()) {
            step++;
            float lr = (float) schedule.at(step);
            float norm = gradientNorm();
            if (!Float.isFinite(norm)) {
                if (++nonFiniteInARow >= MAX_NON_FINITE_IN_A_ROW) {
                    throw new dev.caig.runtime.CaigException("training diverged: the gradient was not finite in "
                            + nonFiniteInARow + " optimizer steps in a row (step " + step + ", learning rate " + lr
                            + "); lower the learning rate or the gradient-norm clip");
                }
                // skipped, as mixed-precision training skips an overflowed step: no update, no moment change, and
                // the step count (schedule, bias correction, checkpoints) stays where it was
                skippedSteps++;
                step--;
                zeroGradients();
                return norm;
            }
            nonFiniteInARow = 0;
            float clipFactor = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / (norm + 1e-6f) : 1f;
            NDArray clip = stepScalars.create(clipFactor);
            NDArray bias1 = stepScalars.create((float) (1 - Math.pow(BETA1, step)));
            NDArray bias2 = stepScalars.create((float) (1 - Math.pow(BETA2, step)));
            NDArray learningRate = stepScalars.create(lr);
            for (int i = 0; i < parameters.size(); i++) {
                NDArray weight = parameters.get(i).getArray();
                // getGradient() wraps the native gradient anew on every call, attached to the model's long-lived
                // manager: the wrapper must be closed, and every temporary derived from it or from the weight must
                // live in the step's scratch manager, or each step leaks parameter-sized arrays (and their memory).
                try (NDArray grad = weight.getGradient(); NDManager scratch = stateManager.newSubManager()) {
                    grad.tempAttach(scratch);
                    // Six temporaries, the rest in place: the same operations in the same order as
                    // m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; w -= lr (m^/(sqrt(v^)+eps) + wd w), so the same bits,
                    // with half the temporaries (the optimizer was a quarter of a prompt-model step).
                    NDArray g = grad.mul(clip);
                    NDArray squared = g.square();
                    firstMoments.get(i).muli(beta1).addi(g.muli(oneMinusBeta1));
                    secondMoments.get(i).muli(beta2).addi(squared.muli(oneMinusBeta2));
                    NDArray mHat = firstMoments.get(i).div(bias1);
                    mHat.attach(scratch);
                    NDArray vHat = secondMoments.get(i).div(bias2);
                    vHat.attach(scratch);
                    NDArray decay = weight.mul(weightDecayFactor);
                    decay.attach(scratch);
                    weight.subi(mHat.divi(vHat.sqrt().addi(epsilon)).addi(decay).muli(learningRate));
                    grad.muli(zero);
                }
            }
            return norm;
        }
    }

    /** Optimizer steps skipped so far because their gradient was not finite. */
    public long skippedSteps() {
        return skippedSteps;
    }

    /** Sets every gradient to 0 by assignment: multiplying by 0 would keep a NaN. */
    private void zeroGradients() {
        for (Parameter p : parameters) {
            try (NDArray grad = p.getArray().getGradient()) {
                grad.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
            }
        }
    }

    /**
     * The global gradient norm: each parameter's sum of squares stays native until one copy to Java at the end (one
     * copy per parameter cost more than the sums), then they are added in double in parameter order.
     */
    private float gradientNorm() {
        try (NDManager scratch = stateManager.newSubManager()) {
            NDList sums = new NDList(parameters.size());
            for (Parameter p : parameters) {
                NDArray grad = p.getArray().getGradient(); // a new wrapper of the native gradient: closed with scratch
                grad.attach(scratch);
                NDArray squares = grad.square();
                sums.add(squares.sum());
            }
            double sum = 0;
            for (float s : NDArrays.stack(sums).toFloatArray()) {
                sum += s;
            }
            return (float) Math.sqrt(sum);
        }
    }

    /** The optimizer state for a checkpoint: step count, then first and second moments in parameter order. */
    public NDList state() {
        NDList state = new NDList();
        state.add(stateManager.create(new long[] {step}));
        state.addAll(firstMoments);
        state.addAll(secondMoments);
        return state;
    }

    /** Restores a state written by {@link #state()} for the same model. */
    public void restore(NDList state) {
        try (NoGrad ignored = NoGrad.enter()) {
            if (state.size() != 1 + 2 * parameters.size()) {
                throw new IllegalStateException("optimizer state has " + state.size() + " arrays, expected "
                        + (1 + 2 * parameters.size()) + ": it belongs to another model");
            }
            step = state.get(0).getLong();
            for (int i = 0; i < parameters.size(); i++) {
                firstMoments.get(i).set(state.get(1 + i).toFloatArray());
                secondMoments.get(i).set(state.get(1 + parameters.size() + i).toFloatArray());
            }
        }
    }
}

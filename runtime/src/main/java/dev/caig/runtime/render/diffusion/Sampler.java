package dev.caig.runtime.render.diffusion;

import ai.djl.ndarray.NDArray;

/**
 * One sampling schedule over a fixed number of steps, in diffusers' formulas (timestep spacing "leading",
 * integer timesteps, as the denoiser's int64 timestep input wants). Coefficients are computed in double and applied
 * to float tensors in a few element-wise ops, so the work outside the denoiser stays small.
 */
public interface Sampler {

    /** The denoiser's timestep at each step, first (noisiest) to last. */
    int[] timesteps();

    /** Scale of the initial Gaussian noise. */
    double initNoiseSigma();

    /** The denoiser's input at step {@code index} for latents {@code x}. */
    NDArray scaleInput(NDArray x, int index);

    /** Latents after step {@code index} given the predicted noise; {@code noise} is fresh N(0,1) when {@link #usesNoise()}. */
    NDArray step(NDArray x, NDArray eps, int index, NDArray noise);

    /** Whether {@link #step} consumes fresh noise (DDIM with eta > 0, Euler-ancestral). */
    boolean usesNoise();

    /** Clean latents noised to the level of timestep {@code index} (the kept region before that step). */
    NDArray noiseTo(NDArray clean, NDArray noise, int index);

    static int[] leadingTimesteps(RendererSpec.Scheduler s, int steps) {
        if (steps < 1 || steps > s.numTrainTimesteps()) {
            throw new IllegalArgumentException("steps must be in [1, " + s.numTrainTimesteps() + "], got " + steps);
        }
        int ratio = s.numTrainTimesteps() / steps;
        int[] ts = new int[steps];
        for (int i = 0; i < steps; i++) {
            ts[i] = (steps - 1 - i) * ratio + s.stepsOffset();
        }
        return ts;
    }
}

package dev.caig.runtime.render.diffusion;

import ai.djl.ndarray.NDArray;

/** Euler-ancestral ("Euler a"): diffusers' EulerAncestralDiscreteScheduler, "leading" spacing, epsilon prediction. */
public final class EulerAncestralSampler implements Sampler {
    private final int[] timesteps;
    /** sigma at each step, plus a final 0. */
    private final double[] sigmas;

    public EulerAncestralSampler(RendererSpec.Scheduler s, NoiseSchedule schedule, int steps) {
        this.timesteps = Sampler.leadingTimesteps(s, steps);
        this.sigmas = new double[steps + 1];
        for (int i = 0; i < steps; i++) {
            sigmas[i] = schedule.sigma(timesteps[i]);
        }
    }

    @Override
    public int[] timesteps() {
        return timesteps.clone();
    }

    public double sigma(int index) {
        return sigmas[index];
    }

    /** sqrt(sigma_max^2 + 1), as diffusers for "leading" spacing. */
    @Override
    public double initNoiseSigma() {
        return Math.sqrt(sigmas[0] * sigmas[0] + 1);
    }

    @Override
    public NDArray scaleInput(NDArray x, int index) {
        return x.div((float) Math.sqrt(sigmas[index] * sigmas[index] + 1));
    }

    @Override
    public boolean usesNoise() {
        return true;
    }

    /** x + eps (sigma_down - sigma) + sigma_up noise; (x - x0) / sigma is eps for epsilon prediction. */
    @Override
    public NDArray step(NDArray x, NDArray eps, int index, NDArray noise) {
        double sigma = sigmas[index];
        double next = sigmas[index + 1];
        double up = Math.sqrt(next * next * (sigma * sigma - next * next) / (sigma * sigma));
        double down = Math.sqrt(next * next - up * up);
        return x.add(eps.mul((float) (down - sigma))).addi(noise.mul((float) up));
    }

    @Override
    public NDArray noiseTo(NDArray clean, NDArray noise, int index) {
        return clean.add(noise.mul((float) sigmas[index]));
    }
}

package dev.caig.runtime.render.diffusion;

import ai.djl.ndarray.NDArray;

/** DDIM (Song et al.) with eta: diffusers' DDIMScheduler, set_alpha_to_one false, epsilon prediction. */
public final class DdimSampler implements Sampler {
    private final NoiseSchedule schedule;
    private final int[] timesteps;
    private final int ratio;
    private final double eta;

    public DdimSampler(RendererSpec.Scheduler s, NoiseSchedule schedule, int steps, double eta) {
        if (eta < 0 || eta > 1) {
            throw new IllegalArgumentException("eta must be in [0, 1], got " + eta);
        }
        this.schedule = schedule;
        this.timesteps = Sampler.leadingTimesteps(s, steps);
        this.ratio = s.numTrainTimesteps() / steps;
        this.eta = eta;
    }

    @Override
    public int[] timesteps() {
        return timesteps.clone();
    }

    @Override
    public double initNoiseSigma() {
        return 1;
    }

    @Override
    public NDArray scaleInput(NDArray x, int index) {
        return x;
    }

    @Override
    public boolean usesNoise() {
        return eta > 0;
    }

    /** prev = sqrt(a_prev) x0 + sqrt(1 - a_prev - std^2) eps + std noise, x0 = (x - sqrt(1 - a_t) eps) / sqrt(a_t). */
    @Override
    public NDArray step(NDArray x, NDArray eps, int index, NDArray noise) {
        int t = timesteps[index];
        double at = schedule.alphaCumprod(t);
        double aPrev = alphaBefore(t);
        double variance = (1 - aPrev) / (1 - at) * (1 - at / aPrev);
        double std = eta * Math.sqrt(variance);
        double cx = Math.sqrt(aPrev / at);
        double ce = Math.sqrt(1 - aPrev - std * std) - Math.sqrt(aPrev) * Math.sqrt(1 - at) / Math.sqrt(at);
        NDArray out = x.mul((float) cx).addi(eps.mul((float) ce));
        return std > 0 ? out.addi(noise.mul((float) std)) : out;
    }

    @Override
    public NDArray noiseTo(NDArray clean, NDArray noise, int index) {
        double a = schedule.alphaCumprod(timesteps[index]);
        return clean.mul((float) Math.sqrt(a)).addi(noise.mul((float) Math.sqrt(1 - a)));
    }

    /** alpha_bar of the step after t; past the start it is alpha_bar(0) (set_alpha_to_one false, as SD1.5). */
    double alphaBefore(int t) {
        int prev = t - ratio;
        return prev >= 0 ? schedule.alphaCumprod(prev) : schedule.alphaCumprod(0);
    }
}

package dev.caig.runtime.render.diffusion;

/** The training noise schedule: cumulative products of (1 - beta) over the checkpoint's training timesteps. */
public final class NoiseSchedule {
    private final double[] alphasCumprod;

    public NoiseSchedule(RendererSpec.Scheduler s) {
        int n = s.numTrainTimesteps();
        alphasCumprod = new double[n];
        double product = 1;
        for (int i = 0; i < n; i++) {
            double beta = "scaled_linear".equals(s.betaSchedule())
                    ? square(Math.sqrt(s.betaStart()) + (Math.sqrt(s.betaEnd()) - Math.sqrt(s.betaStart())) * i / (n - 1))
                    : s.betaStart() + (s.betaEnd() - s.betaStart()) * i / (n - 1);
            product *= 1 - beta;
            alphasCumprod[i] = product;
        }
    }

    public double alphaCumprod(int t) {
        return alphasCumprod[t];
    }

    /** sqrt((1 - alpha_bar) / alpha_bar): the noise level in the variance-exploding view (Euler samplers). */
    public double sigma(int t) {
        return Math.sqrt((1 - alphasCumprod[t]) / alphasCumprod[t]);
    }

    public int trainTimesteps() {
        return alphasCumprod.length;
    }

    private static double square(double x) {
        return x * x;
    }
}

package dev.caig.runtime.render.diffusion;

import java.util.List;

/**
 * How the diffusion renderer samples: the paper's defaults are guidance 7.5, 30-40 DDIM or Euler-ancestral steps,
 * eta 0, control scale 1, a negative prompt. {@code batchSize} is how many candidates share one denoiser call.
 */
public record DiffusionSettings(int steps, double guidance, String sampler, double eta, String negativePrompt,
                                double controlScale, String precision, int batchSize) {
    public static final String DDIM = "ddim";
    public static final String EULER_ANCESTRAL = "euler-ancestral";
    public static final List<String> SAMPLERS = List.of(DDIM, EULER_ANCESTRAL);
    public static final List<String> PRECISIONS = List.of("fp32", "fp16");
    public static final String DEFAULT_NEGATIVE_PROMPT =
            "lowres, blurry, worst quality, low quality, text, watermark, deformed, ugly";

    public static DiffusionSettings defaults() {
        return new DiffusionSettings(30, 7.5, DDIM, 0, DEFAULT_NEGATIVE_PROMPT, 1.0, "fp32", 4);
    }

    /** The problem with these settings, named by their config field, or null when there is none. */
    public String problem() {
        if (steps < 1 || steps > 1000) {
            return "render.steps: must be in [1, 1000], got " + steps;
        }
        if (!(guidance >= 1) || guidance > 50) {
            return "render.guidance: must be in [1, 50], got " + guidance;
        }
        if (!SAMPLERS.contains(sampler)) {
            return "render.sampler: must be one of " + SAMPLERS + ", got " + sampler;
        }
        if (!(eta >= 0 && eta <= 1)) {
            return "render.eta: must be in [0, 1], got " + eta;
        }
        if (!(controlScale >= 0 && controlScale <= 4)) {
            return "render.controlScale: must be in [0, 4], got " + controlScale;
        }
        if (!PRECISIONS.contains(precision)) {
            return "render.precision: must be one of " + PRECISIONS + ", got " + precision;
        }
        if (batchSize < 1 || batchSize > 64) {
            return "render.batchSize: must be in [1, 64], got " + batchSize;
        }
        return null;
    }

    public Sampler sampler(RendererSpec spec) {
        NoiseSchedule schedule = new NoiseSchedule(spec.scheduler());
        return DDIM.equals(sampler)
                ? new DdimSampler(spec.scheduler(), schedule, steps, eta)
                : new EulerAncestralSampler(spec.scheduler(), schedule, steps);
    }
}

package dev.caig.runtime.render.diffusion;

import ai.djl.ndarray.NDArray;

/** Classifier-free guidance: uncond + g (cond - uncond), the negative prompt as "uncond". */
public final class Guidance {
    private Guidance() {
    }

    /** Guidance above 1 needs the second (negative-prompt) denoiser pass; at 1 it would not change anything. */
    public static boolean needsUnconditional(double guidance) {
        return guidance > 1;
    }

    public static NDArray combine(NDArray uncond, NDArray cond, double guidance) {
        return cond.sub(uncond).muli((float) guidance).addi(uncond);
    }
}

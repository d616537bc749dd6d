package dev.caig.runtime.train;

/** Learning rate as a function of the (1-based) optimizer step. */
@FunctionalInterface
public interface LearningRateSchedule {
    double at(long step);

    static LearningRateSchedule constant(double lr) {
        return step -> lr;
    }

    /**
     * Linear warm-up over {@code warmup} steps, then cosine decay towards 0 over the remaining steps (the paper's
     * PCPO schedule). The first step after warm-up gets the full rate and every step a positive one: decaying to
     * exactly 0 at the last step would waste it, and make a one-step PCPO iteration a no-op.
     */
    static LearningRateSchedule cosine(double lr, long warmup, long total) {
        return step -> {
            if (step <= warmup) {
                return lr * step / Math.max(1, warmup);
            }
            double progress = Math.min(1.0, (double) (step - warmup - 1) / Math.max(1, total - warmup));
            return lr * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }
}

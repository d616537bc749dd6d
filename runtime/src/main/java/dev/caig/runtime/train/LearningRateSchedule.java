package dev.caig.runtime.train;

/** Learning rate as a function of the (1-based) optimizer step. */
@FunctionalInterface
public interface LearningRateSchedule {
    double at(long step);

    static LearningRateSchedule constant(double lr) {
        return step -> lr;
    }

    /** Linear warm-up over {@code warmup} steps, then cosine decay to 0 at {@code total} steps (the paper's PCPO schedule). */
    static LearningRateSchedule cosine(double lr, long warmup, long total) {
        return step -> {
            if (step <= warmup) {
                return lr * step / Math.max(1, warmup);
            }
            double progress = Math.min(1.0, (double) (step - warmup) / Math.max(1, total - warmup));
            return lr * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }
}

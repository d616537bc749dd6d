package dev.caig.runtime.store;

import java.time.Duration;

/**
 * Bounded retries with exponential backoff for transient S3 faults only (connection errors, 5xx, SlowDown);
 * a 4xx answer is final at once. With the defaults (4 tries, 200 ms doubling) a dead endpoint fails within ~1.5 s
 * plus connect timeouts.
 */
final class Retry {

    /** One S3 call; any exception it throws is classified by {@link S3Errors#isTransient}. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws Exception;
    }

    /** Thrown when the last try failed; carries the cause and how many tries were made. */
    static final class Exhausted extends Exception {
        final int attempts;

        Exhausted(Exception cause, int attempts) {
            super(cause);
            this.attempts = attempts;
        }

        Exception failure() {
            return (Exception) getCause();
        }
    }

    /** Waits between tries; replaced in tests. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final int maxAttempts;
    private final long initialDelayMillis;
    private final Sleeper sleeper;

    Retry(int maxAttempts, Duration initialDelay) {
        this(maxAttempts, initialDelay, Thread::sleep);
    }

    Retry(int maxAttempts, Duration initialDelay, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        this.maxAttempts = maxAttempts;
        this.initialDelayMillis = initialDelay.toMillis();
        this.sleeper = sleeper;
    }

    <T> T call(Call<T> call) throws Exhausted {
        long delay = initialDelayMillis;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (Exception e) {
                if (attempt >= maxAttempts || !S3Errors.isTransient(e)) {
                    throw new Exhausted(e, attempt);
                }
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Exhausted(e, attempt);
            }
            delay *= 2;
        }
    }
}

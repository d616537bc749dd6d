package dev.caig.runtime.serve;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where generations run: a fixed number of threads and a bounded queue. A job that finds the queue full is refused
 * at once (503 + Retry-After); a job not finished within the timeout is answered 503 (still queued: it is removed)
 * or 504 (running: its result is dropped). No HTTP thread ever waits for a generation.
 */
public final class GenerationPool implements AutoCloseable {
    /** Seconds a client is asked to wait before retrying a refused request. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService timer;
    private final java.util.concurrent.ExecutorService replies;
    private final java.util.concurrent.ExecutorService helpers;
    private final long timeoutNanos;

    public GenerationPool(int threads, int queue, long timeoutNanos) {
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, waiting, daemons("caig-generate"),
                new ThreadPoolExecutor.AbortPolicy());
        this.timer = Executors.newSingleThreadScheduledExecutor(daemons("caig-timeout"));
        this.replies = Executors.newCachedThreadPool(daemons("caig-reply"));
        // At most one helper per model copy can run (a helper starts only with an idle copy in hand).
        this.helpers = Executors.newCachedThreadPool(daemons("caig-sample"));
        this.timeoutNanos = timeoutNanos;
    }

    public ThreadPoolExecutor executor() {
        return executor;
    }

    /** Threads that help a generation with chunks of its candidates while a model copy is idle. */
    public java.util.concurrent.Executor helpers() {
        return helpers;
    }

    /** Runs {@code job} on a generation thread; the future completes with its result or a problem. */
    public <T> CompletableFuture<T> submit(Callable<T> job) {
        CompletableFuture<T> result = new CompletableFuture<>();
        AtomicBoolean started = new AtomicBoolean();
        Runnable task = () -> {
            started.set(true);
            if (result.isDone()) {
                return; // timed out while queued
            }
            try {
                result.complete(job.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            throw ProblemException.unavailable("queue-full", "Server busy",
                    "all " + executor.getMaximumPoolSize() + " generation threads are busy and the queue of "
                            + (executor.getQueue().remainingCapacity() + executor.getQueue().size())
                            + " is full; retry later", RETRY_AFTER_SECONDS, Rejections.QUEUE_FULL);
        }
        // The timer only decides; the answer is written on a reply thread, so one slow client cannot delay the
        // timeouts of others.
        ScheduledFuture<?> deadline = timer.schedule(() -> replies.execute(() -> {
            boolean running = started.get();
            ProblemException timeout = running
                    ? ProblemException.gatewayTimeout("generation did not finish within the request timeout")
                    : ProblemException.unavailable("timeout", "Server busy",
                    "the request waited in the queue past the request timeout; retry later",
                    RETRY_AFTER_SECONDS, Rejections.TIMEOUT);
            if (result.completeExceptionally(timeout) && !running) {
                executor.remove(task);
            }
        }), timeoutNanos, TimeUnit.NANOSECONDS);
        result.whenComplete((r, e) -> deadline.cancel(false));
        return result;
    }

    /** Stops taking work, lets running generations finish (up to the timeout), and stops the timer. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(timeoutNanos)), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        timer.shutdownNow();
        replies.shutdownNow();
        helpers.shutdownNow();
    }

    static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

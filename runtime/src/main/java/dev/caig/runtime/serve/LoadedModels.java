package dev.caig.runtime.serve;

import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.SamplingOptions;
import dev.caig.runtime.render.AdRenderer;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * The models a server answers with, loaded and verified, and what to report about them. There is one copy of both
 * models per generation thread, and a thread borrows a copy for each forward pass: DJL's {@code IdEmbedding}
 * temporarily moves the shared embedding table into a per-call scope, so two concurrent forward passes on one
 * model corrupt it ("Native resource has been released already"). All copies hold the same weights, so which
 * copy answers does not change the answer.
 */
public final class LoadedModels implements AutoCloseable {

    /** One copy of the policy and the reward model. */
    public record Replica(PromptModel policy, RewardModel reward) {
    }

    private final List<Replica> replicas;
    private final BlockingQueue<Replica> idle;
    private final SamplingOptions sampling;
    private final ModelInfo info;
    private final AdRenderer renderer;

    /** Models that render with the procedural back end. */
    public LoadedModels(List<Replica> replicas, SamplingOptions sampling, ModelInfo info) {
        this(replicas, sampling, info, new AdRenderer());
    }

    /** @param renderer the frozen renderer the policy was trained with (closed with the models) */
    public LoadedModels(List<Replica> replicas, SamplingOptions sampling, ModelInfo info, AdRenderer renderer) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("at least one model replica is needed");
        }
        this.replicas = List.copyOf(replicas);
        this.idle = new ArrayBlockingQueue<>(replicas.size(), false, replicas);
        this.sampling = sampling;
        this.info = info;
        this.renderer = renderer;
    }

    public AdRenderer renderer() {
        return renderer;
    }

    /** Runs {@code work} with a copy no other thread uses meanwhile. */
    public <T> T withReplica(Function<Replica, T> work) {
        Replica replica;
        try {
            replica = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a model replica", e);
        }
        try {
            return work.apply(replica);
        } finally {
            idle.add(replica);
        }
    }

    /** A copy no other thread is using, if one is free right now; give it back with {@link #giveBack}. */
    java.util.Optional<Replica> tryBorrow() {
        return java.util.Optional.ofNullable(idle.poll());
    }

    void giveBack(Replica replica) {
        idle.add(replica);
    }

    public List<Replica> replicas() {
        return replicas;
    }

    public SamplingOptions sampling() {
        return sampling;
    }

    public ModelInfo info() {
        return info;
    }

    @Override
    public void close() {
        for (Replica r : replicas) {
            r.policy().close();
            r.reward().close();
        }
        renderer.close();
    }
}

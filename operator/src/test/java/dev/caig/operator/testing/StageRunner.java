package dev.caig.operator.testing;

import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * Runs one attempt of a stage Job for the kubelet stand-in and says whether its container exited 0. Today's runner
 * fakes the runtime (writes a manifest); the runtime's stage entry point can be plugged in here later.
 */
@FunctionalInterface
public interface StageRunner {
    boolean runAttempt(Job job, int attempt) throws Exception;
}

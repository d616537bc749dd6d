package dev.caig.runtime.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A scope in which PyTorch records no autograd graph, restoring the previous mode on close. PyTorch's grad mode is
 * per thread and on by default, and DJL turns it off only in the thread that loads the engine: inference and
 * in-place parameter updates in any other thread (a server's workers, a test's executor) must say so.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;

    private NoGrad() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    public static NoGrad enter() {
        return new NoGrad();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}

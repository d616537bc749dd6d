package dev.caig.runtime.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Loads the models on a background thread and holds them: readiness is true exactly when {@link #current()} has
 * them. A failed load stays failed (readiness never turns true) and {@link #loaded()} completes exceptionally, so
 * {@code caig serve} can exit non-zero with the message.
 */
public final class ModelHolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);

    private final CompletableFuture<LoadedModels> loaded = new CompletableFuture<>();
    private volatile LoadedModels models;
    private volatile String failure;
    private volatile boolean closed;

    /** Starts loading; returns at once. */
    public void start(ModelLoader loader) {
        Thread thread = new Thread(() -> load(loader), "caig-model-loader");
        thread.setDaemon(true);
        thread.start();
    }

    private void load(ModelLoader loader) {
        long start = System.nanoTime();
        try {
            LoadedModels m = loader.load();
            synchronized (this) {
                if (closed) {
                    m.close();
                    return;
                }
                models = m;
            }
            LOG.info("models loaded in {} ms: policy {} ({}), reward {} ({})", (System.nanoTime() - start) / 1_000_000,
                    m.info().policy().uri(), m.info().policy().digest(), m.info().reward().uri(), m.info().reward().digest());
            loaded.complete(m);
        } catch (Throwable e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.error("cannot load the models: {}", failure, e);
            loaded.completeExceptionally(e);
        }
    }

    public Optional<LoadedModels> current() {
        return Optional.ofNullable(models);
    }

    /** The load error, when loading failed. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Completes when loading ends: with the models, or exceptionally with the load error. */
    public CompletableFuture<LoadedModels> loaded() {
        return loaded;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (models != null) {
            models.close();
            models = null;
        }
    }
}

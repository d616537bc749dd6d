package dev.caig.serve;

import dev.caig.runtime.serve.AdGenerator;
import dev.caig.runtime.serve.ApiKeys;
import dev.caig.runtime.serve.ArtifactModelLoader;
import dev.caig.runtime.serve.GenerationPool;
import dev.caig.runtime.serve.LoadedModels;
import dev.caig.runtime.serve.ModelHolder;
import dev.caig.runtime.serve.ServeMetrics;
import dev.caig.runtime.serve.ServeOptions;
import dev.caig.runtime.serve.ModelStatus;
import dev.caig.runtime.store.ArtifactStores;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The generation core of the runtime inside the service: the models (loaded in the background once the port is
 * open), the bounded generation pool, the API keys and the generation metrics. A model that fails to load or
 * verify ends the process with exit code 1, so a pod restarts visibly instead of staying unready.
 */
@ApplicationScoped
public class GeneratorService {
    private static final Logger LOG = Logger.getLogger(GeneratorService.class);

    private final ServeOptions options;
    private final ModelHolder models = new ModelHolder();
    private final GenerationPool pool;
    private final ServeMetrics metrics;
    private final ApiKeys keys;

    GeneratorService(ServeOptions options, MeterRegistry registry) {
        System.setProperty("java.awt.headless", "true");
        // ImageIO's default disk cache is closed by a JVM shutdown hook of its own, so requests still draining after
        // SIGTERM failed to read their PNG ("Error reading PNG image data", DrainIT): images stay in memory instead.
        javax.imageio.ImageIO.setUseCache(false);
        this.options = options;
        this.keys = options.apiKeysFile() == null ? null : ApiKeys.load(options.apiKeysFile());
        this.pool = new GenerationPool(options.threads(), options.queue(), TimeUnit.SECONDS.toNanos(options.timeoutSeconds()));
        this.metrics = new ServeMetrics(registry);
        metrics.bindPool(pool.executor());
    }

    void start(@Observes StartupEvent event) {
        LOG.infof("generation: %d threads, queue %d, timeout %d s, API keys %s", options.threads(), options.queue(),
                options.timeoutSeconds(), keys == null ? "off" : Integer.toString(keys.size()));
        models.start(new ArtifactModelLoader(ArtifactStores::open, options.policyUri(), options.rewardUri(),
                options.renderSize(), options.threads(), ServeSettings.renderChoice()));
        models.loaded().whenComplete((m, e) -> {
            if (e != null) {
                System.err.println("caig serve: error: cannot serve: " + models.failure().orElse(e.toString()));
                Quarkus.asyncExit(1);
            } else {
                LOG.infof("ready: policy %s, reward %s", m.info().policy().uri(), m.info().reward().uri());
            }
        });
    }

    /** Runs once the accepted requests were answered and their answers sent (UnsentAnswers), or the drain timed out. */
    void stop(@Observes ShutdownEvent event) {
        pool.close();
        models.close();
    }

    /** The loaded models, or a 503 problem while they load (or after they failed). */
    LoadedModels requireModels() {
        return models.current().orElseThrow(() -> ModelStatus.notReady(models));
    }

    Optional<LoadedModels> models() {
        return models.current();
    }

    Optional<String> loadFailure() {
        return models.failure();
    }

    AdGenerator generator(LoadedModels loaded) {
        // The renderer the policy was trained with (or --renderer), loaded with the models.
        return new AdGenerator(loaded, loaded.renderer(), options.renderSize(), pool.helpers());
    }

    GenerationPool pool() {
        return pool;
    }

    ServeMetrics metrics() {
        return metrics;
    }

    /** The API keys, or null for an open service. */
    ApiKeys keys() {
        return keys;
    }

    ServeOptions options() {
        return options;
    }
}

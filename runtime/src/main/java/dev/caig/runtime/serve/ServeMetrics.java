package dev.caig.runtime.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.ThreadPoolExecutor;

/**
 * The generation metrics, in the service's registry next to its HTTP ones ({@code http_server_requests}):
 * {@code caig_images_generated_total}, {@code caig_rejections_total} by reason, and the generation pool's queue and
 * busy threads.
 */
public final class ServeMetrics {
    private final MeterRegistry registry;
    private final Counter imagesGenerated;

    public ServeMetrics(MeterRegistry registry) {
        this.registry = registry;
        imagesGenerated = Counter.builder("caig.images.generated")
                .description("Ad images generated and returned").register(registry);
    }

    /** Queue length and busy threads of the generation pool. */
    public void bindPool(ThreadPoolExecutor pool) {
        Gauge.builder("caig.generation.queue", pool, p -> p.getQueue().size())
                .description("Generate requests waiting for a generation thread").register(registry);
        Gauge.builder("caig.generation.active", pool, ThreadPoolExecutor::getActiveCount)
                .description("Generations running now").register(registry);
    }

    public void imagesGenerated(int count) {
        imagesGenerated.increment(count);
    }

    public void rejected(String reason) {
        Counter.builder("caig.rejections").description("Requests turned away, by reason")
                .tag("reason", reason).register(registry).increment();
    }
}

package dev.caig.runtime.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's Prometheus metrics: {@code caig_request_seconds} (a histogram by endpoint and status; percentiles come
 * from {@code histogram_quantile} in Prometheus), {@code caig_images_generated_total}, {@code caig_rejections_total} by reason, {@code caig_requests_in_flight},
 * the generation queue, and JVM basics.
 */
public final class ServeMetrics implements AutoCloseable {
    /** Histogram bucket bounds: round numbers around the 150 ms goal, up to the longest timeouts. */
    private static final Duration[] BUCKETS = java.util.stream.LongStream.of(5, 10, 25, 50, 100, 150, 250, 500, 1000,
            2500, 5000, 10_000, 30_000, 60_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry registry;
    /** The registry this object made and scrapes itself; null when it records into one it was given. */
    private final PrometheusMeterRegistry own;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter imagesGenerated;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** Generation metrics in a registry that someone else scrapes and closes (the Quarkus service's). */
    public ServeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.own = null;
        imagesGenerated = Counter.builder("caig.images.generated")
                .description("Ad images generated and returned").register(registry);
    }

    ServeMetrics() {
        this.own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.registry = own;
        imagesGenerated = Counter.builder("caig.images.generated")
                .description("Ad images generated and returned").register(registry);
        Gauge.builder("caig.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Requests being handled now, queued generations included").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Queue length and busy threads of the generation pool. */
    public void bindPool(ThreadPoolExecutor pool) {
        Gauge.builder("caig.generation.queue", pool, p -> p.getQueue().size())
                .description("Generate requests waiting for a generation thread").register(registry);
        Gauge.builder("caig.generation.active", pool, ThreadPoolExecutor::getActiveCount)
                .description("Generations running now").register(registry);
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void requestFinished(String endpoint, int status, long nanos) {
        inFlight.decrementAndGet();
        Timer.builder("caig.request")
                .description("Request latency, from the request headers to the last byte of the response")
                .tags("endpoint", endpoint, "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void imagesGenerated(int count) {
        imagesGenerated.increment(count);
    }

    public void rejected(String reason) {
        Counter.builder("caig.rejections").description("Requests turned away, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Prometheus text exposition format. */
    String scrape() {
        return own.scrape();
    }

    @Override
    public void close() {
        gc.close();
        if (own != null) {
            own.close();
        }
    }
}

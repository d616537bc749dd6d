package dev.caig.serve;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * When a new request is turned away during shutdown. On SIGTERM readiness turns down and the server keeps taking
 * requests for the shutdown delay (Kubernetes needs that long to take the pod out of its Service); from then on a new
 * request gets a 503 problem with Retry-After and a closed connection, so the client retries on another replica, while
 * the requests already accepted are answered. Quarkus itself would keep taking them until the drain ends. The drain
 * ends at the latest {@code quarkus.shutdown.timeout} after the delay.
 */
@Singleton
public class ShutdownGate {
    private final long delayNanos;
    private final long timeoutNanos;
    private volatile long refuseFromNanos = Long.MAX_VALUE;

    ShutdownGate(@ConfigProperty(name = "quarkus.shutdown.delay") Duration delay,
                 @ConfigProperty(name = "quarkus.shutdown.timeout") Optional<Duration> timeout) {
        this.delayNanos = delay.toNanos();
        this.timeoutNanos = timeout.orElse(Duration.ZERO).toNanos();
    }

    void delayStarted(@Observes ShutdownDelayInitiatedEvent event) {
        refuseFromNanos = System.nanoTime() + delayNanos;
    }

    /** True once the shutdown delay is over. */
    boolean refusing() {
        long from = refuseFromNanos;
        return from != Long.MAX_VALUE && System.nanoTime() - from >= 0;
    }

    /** When the drain must be over: the shutdown timeout after the delay (from now when no delay was observed). */
    long drainDeadlineNanos() {
        long from = refuseFromNanos;
        return (from == Long.MAX_VALUE ? System.nanoTime() : from) + timeoutNanos;
    }
}

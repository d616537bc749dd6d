package dev.caig.serve;

import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.serve.ServeOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.function.UnaryOperator;

/**
 * The settings of this process, from the command line. Quarkus reads its own (port, limits, shutdown) as system
 * properties, which {@link #apply} sets before Quarkus starts; a property already given with -D wins.
 */
@ApplicationScoped
public class ServeSettings {
    /** Room for the other fields and multipart headers next to the image. */
    static final long FIELDS_ALLOWANCE = 64 * 1024;
    /** Extra seconds the shutdown waits beyond the request timeout, so an answer being written still goes out. */
    static final int SHUTDOWN_MARGIN_SECONDS = 5;

    private static volatile ServeOptions options;
    private static volatile UnaryOperator<PipelineConfig.Render> renderChoice = UnaryOperator.identity();

    /**
     * @param chosenRenderer the renderer to serve with, from the one the policy was trained with ({@code --renderer},
     *                       {@code --render-settings})
     */
    static void apply(ServeOptions serveOptions, UnaryOperator<PipelineConfig.Render> chosenRenderer) {
        options = serveOptions;
        renderChoice = chosenRenderer;
        setIfAbsent("quarkus.http.host", serveOptions.bindAddress());
        setIfAbsent("quarkus.http.port", Integer.toString(serveOptions.port()));
        // A connection with no traffic at all is closed after this; a queued request may wait the whole timeout.
        setIfAbsent("quarkus.http.idle-timeout", (serveOptions.timeoutSeconds() + SHUTDOWN_MARGIN_SECONDS) + "s");
        // Every accepted request is answered (or timed out) within the request timeout; then the process exits.
        setIfAbsent("quarkus.shutdown.timeout", (serveOptions.timeoutSeconds() + SHUTDOWN_MARGIN_SECONDS) + "s");
        // Quarkus answers a request target that is not a valid URI with an empty 400 before any handler runs, unless
        // this is set; HttpFailures then makes the same check (java.net.URI) first and answers a problem body.
        setIfAbsent("vertx.disableURIValidation", "true");
    }

    static UnaryOperator<PipelineConfig.Render> renderChoice() {
        return renderChoice;
    }

    /** Base64 in JSON is 4/3 of the file. */
    static long maxBodyBytes(ServeOptions o) {
        return o.maxImageBytes() * 4 / 3 + 4 + FIELDS_ALLOWANCE;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    @Produces
    @Singleton // a record: no client proxy
    ServeOptions options() {
        if (options == null) {
            throw new IllegalStateException("the service was started without ServeMain (no command line settings)");
        }
        return options;
    }
}

package dev.caig.runtime.cli;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.serve.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code caig serve}: the flags of the generator service (serve/ ServeMain reads them). The port opens first, then the
 * models load; a model that fails to load or verify ends the process with exit code 1 and the reason, so a pod
 * restarts visibly instead of sitting not-ready. SIGTERM drains: every accepted request is answered.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a generator: POST /v1/generate takes a product photo and title and returns ranked ad images.")
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--policy", required = true, paramLabel = "URI",
            description = "Artifact URI of the prompt model (s3://... or a local folder), e.g. the pcpo stage's output.")
    String policy;

    @Option(names = "--reward", required = true, paramLabel = "URI", description = "Artifact URI of the reward model.")
    String reward;

    @Option(names = "--port", defaultValue = "" + ServeOptions.DEFAULT_PORT, paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--max-candidates", defaultValue = "" + ServeOptions.DEFAULT_MAX_CANDIDATES, paramLabel = "N",
            description = "Most candidates a request may ask for (default: ${DEFAULT-VALUE}).")
    int maxCandidates;

    @Option(names = "--default-candidates", defaultValue = "" + ServeOptions.DEFAULT_CANDIDATES, paramLabel = "N",
            description = "Candidates when a request gives none (default: ${DEFAULT-VALUE}).")
    int defaultCandidates;

    @Option(names = "--render-size", defaultValue = "" + ServeOptions.DEFAULT_RENDER_SIZE, paramLabel = "PX",
            description = "Side of the ad images in pixels (default: ${DEFAULT-VALUE}).")
    int renderSize;

    @Option(names = "--threads", paramLabel = "N",
            description = "Generations that run at once (default: the number of cores).")
    Integer threads;

    @Option(names = "--queue", defaultValue = "" + ServeOptions.DEFAULT_QUEUE, paramLabel = "N",
            description = "Requests that may wait for a generation thread; more get 503 + Retry-After (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--timeout-seconds", defaultValue = "" + ServeOptions.DEFAULT_TIMEOUT_SECONDS, paramLabel = "S",
            description = "Longest a request may wait and run; then 503 (still queued) or 504 (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--api-keys-file", paramLabel = "FILE",
            description = "File of API keys, one per line (# comments); when set, /v1/* needs 'Authorization: Bearer <key>' or 'X-API-Key'.")
    Path apiKeysFile;

    @Option(names = "--max-image-bytes", defaultValue = "" + ServeOptions.DEFAULT_MAX_IMAGE_BYTES, paramLabel = "B",
            description = "Largest accepted image file (default: ${DEFAULT-VALUE}).")
    long maxImageBytes;

    @Option(names = "--max-image-pixels", defaultValue = "" + ServeOptions.DEFAULT_MAX_IMAGE_PIXELS, paramLabel = "P",
            description = "Largest accepted width x height (default: ${DEFAULT-VALUE}).")
    long maxImagePixels;

    @picocli.CommandLine.Mixin
    RendererOption renderer;

    @Option(names = "--log-json", description = "Log as JSON lines (for a log collector) instead of text.")
    boolean logJson;

    public boolean logJson() {
        return logJson;
    }

    /** The renderer to serve with, from the one the policy was trained with ({@code --renderer}, {@code --render-settings}). */
    public java.util.function.UnaryOperator<dev.caig.runtime.pipeline.PipelineConfig.Render> renderChoice() {
        return renderer::apply;
    }

    /** The settings these flags give, checked (a bad value throws a CaigException naming the flag). */
    public ServeOptions options() {
        return new ServeOptions(policy, reward, bind, port, maxCandidates, defaultCandidates, renderSize,
                threads == null ? ServeOptions.defaultThreads() : threads, queue, timeoutSeconds, apiKeysFile,
                maxImageBytes, maxImagePixels);
    }

    /**
     * The service is the Quarkus application of the serve module, started by the {@code caig} launcher (./caig and the
     * runtime image's entrypoint) with these flags; this plain command line only defines and checks them.
     */
    @Override
    public Integer call() {
        options();
        throw new CaigException("caig serve runs the generator service (module serve/): start it with the caig launcher "
                + "(./caig serve ... or the runtime image), not with the runtime's class path");
    }
}

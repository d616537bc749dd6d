package dev.caig.runtime.serve;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.render.ProceduralBackgroundRenderer;

import java.nio.file.Path;

/**
 * Settings of {@code caig serve}, checked once at start so that a bad flag fails the pod at once rather than
 * the first request.
 *
 * @param policyUri      artifact URI of the prompt model (the policy)
 * @param rewardUri      artifact URI of the reward model
 * @param port           TCP port; 0 picks a free one (tests)
 * @param threads        generations that run at the same time
 * @param queue          admitted requests waiting for a generation thread; more get 503
 * @param timeoutSeconds longest a request may wait and run before it is answered 503/504
 * @param apiKeysFile    file of accepted API keys, or null for an open service
 * @param maxImageBytes  largest accepted image file
 * @param maxImagePixels largest accepted width x height
 */
public record ServeOptions(String policyUri, String rewardUri, String bindAddress, int port, int maxCandidates,
                           int defaultCandidates, int renderSize, int threads, int queue, int timeoutSeconds,
                           Path apiKeysFile, long maxImageBytes, long maxImagePixels) {

    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_CANDIDATES = 8;
    public static final int DEFAULT_CANDIDATES = 4;
    public static final int DEFAULT_RENDER_SIZE = 256;
    public static final int DEFAULT_QUEUE = 16;
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    public static final long DEFAULT_MAX_IMAGE_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 4096L * 4096;
    /** More candidates than this is a batch job, not a request. */
    public static final int CANDIDATES_CEILING = 64;

    public ServeOptions {
        require(policyUri != null && !policyUri.isBlank(), "--policy is required");
        require(rewardUri != null && !rewardUri.isBlank(), "--reward is required");
        require(port >= 0 && port <= 65535, "--port must be 0..65535, got " + port);
        require(maxCandidates >= 1 && maxCandidates <= CANDIDATES_CEILING,
                "--max-candidates must be 1.." + CANDIDATES_CEILING + ", got " + maxCandidates);
        require(defaultCandidates >= 1 && defaultCandidates <= maxCandidates,
                "--default-candidates must be 1..--max-candidates (" + maxCandidates + "), got " + defaultCandidates);
        require(renderSize >= ProceduralBackgroundRenderer.MIN_SIZE && renderSize <= ProceduralBackgroundRenderer.MAX_SIZE,
                "--render-size must be " + ProceduralBackgroundRenderer.MIN_SIZE + ".." + ProceduralBackgroundRenderer.MAX_SIZE
                        + ", got " + renderSize);
        require(threads >= 1 && threads <= 256, "--threads must be 1..256, got " + threads);
        require(queue >= 0 && queue <= 10_000, "--queue must be 0..10000, got " + queue);
        require(timeoutSeconds >= 1, "--timeout-seconds must be at least 1, got " + timeoutSeconds);
        require(maxImageBytes >= 1024, "--max-image-bytes must be at least 1024, got " + maxImageBytes);
        require(maxImageBytes <= Integer.MAX_VALUE / 2, "--max-image-bytes must be under 1 GiB, got " + maxImageBytes);
        require(maxImagePixels >= 64, "--max-image-pixels must be at least 64, got " + maxImagePixels);
        require(maxImagePixels <= 100_000_000L, "--max-image-pixels must be at most 100000000, got " + maxImagePixels);
        if (bindAddress == null || bindAddress.isBlank()) {
            bindAddress = "0.0.0.0";
        }
    }

    /** Defaults for everything but the two model URIs. */
    public static ServeOptions defaults(String policyUri, String rewardUri) {
        return new ServeOptions(policyUri, rewardUri, "0.0.0.0", DEFAULT_PORT, DEFAULT_MAX_CANDIDATES, DEFAULT_CANDIDATES,
                DEFAULT_RENDER_SIZE, defaultThreads(), DEFAULT_QUEUE, DEFAULT_TIMEOUT_SECONDS, null,
                DEFAULT_MAX_IMAGE_BYTES, DEFAULT_MAX_IMAGE_PIXELS);
    }

    /** One generation per core: each runs PyTorch with the process's intra-op threads (1 on 2 cores). */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public ServeOptions withPort(int newPort) {
        return new ServeOptions(policyUri, rewardUri, bindAddress, newPort, maxCandidates, defaultCandidates, renderSize,
                threads, queue, timeoutSeconds, apiKeysFile, maxImageBytes, maxImagePixels);
    }

    public ServeOptions withBindAddress(String address) {
        return new ServeOptions(policyUri, rewardUri, address, port, maxCandidates, defaultCandidates, renderSize,
                threads, queue, timeoutSeconds, apiKeysFile, maxImageBytes, maxImagePixels);
    }

    public ServeOptions withConcurrency(int newThreads, int newQueue, int newTimeoutSeconds) {
        return new ServeOptions(policyUri, rewardUri, bindAddress, port, maxCandidates, defaultCandidates, renderSize,
                newThreads, newQueue, newTimeoutSeconds, apiKeysFile, maxImageBytes, maxImagePixels);
    }

    public ServeOptions withApiKeysFile(Path file) {
        return new ServeOptions(policyUri, rewardUri, bindAddress, port, maxCandidates, defaultCandidates, renderSize,
                threads, queue, timeoutSeconds, file, maxImageBytes, maxImagePixels);
    }

    public ServeOptions withRenderSize(int size) {
        return new ServeOptions(policyUri, rewardUri, bindAddress, port, maxCandidates, defaultCandidates, size,
                threads, queue, timeoutSeconds, apiKeysFile, maxImageBytes, maxImagePixels);
    }

    public ServeOptions withImageLimits(long bytes, long pixels) {
        return new ServeOptions(policyUri, rewardUri, bindAddress, port, maxCandidates, defaultCandidates, renderSize,
                threads, queue, timeoutSeconds, apiKeysFile, bytes, pixels);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new CaigException(message);
        }
    }
}

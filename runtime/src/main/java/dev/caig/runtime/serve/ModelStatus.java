package dev.caig.runtime.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the service reports about its models: the body of {@code GET /v1/model}, and the 503 while they load. */
public final class ModelStatus {
    /** Seconds a client is asked to wait while the models load. */
    public static final int LOADING_RETRY_AFTER_SECONDS = 5;

    private ModelStatus() {
    }

    /** The loaded artifacts (URIs, manifest digests), renderer, sampling, candidates and limits. */
    public static Map<String, Object> modelBody(LoadedModels loaded, ServeOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", loaded.info().policy());
        body.put("reward", loaded.info().reward());
        body.put("renderer", loaded.info().renderer());
        body.put("sampling", loaded.info().sampling());
        body.put("candidates", Map.of("default", options.defaultCandidates(), "max", options.maxCandidates()));
        body.put("limits", Map.of("maxImageBytes", options.maxImageBytes(), "maxImagePixels", options.maxImagePixels()));
        return body;
    }

    /** 503 with Retry-After while the models load, or naming the load error after a failed load. */
    public static ProblemException notReady(ModelHolder models) {
        String detail = models.failure().map(f -> "the models failed to load: " + f)
                .orElse("the models are still loading");
        return ProblemException.unavailable("not-ready", "Not ready", detail, LOADING_RETRY_AFTER_SECONDS,
                Rejections.NOT_READY);
    }
}

package dev.caig.runtime.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/** The small read-only endpoints: liveness, readiness, what is loaded, metrics. */
public final class StatusEndpoints {
    /** Seconds a client is asked to wait while the models load. */
    public static final int LOADING_RETRY_AFTER_SECONDS = 5;

    private final ModelHolder models;
    private final ServeOptions options;
    private final ServeMetrics metrics;

    StatusEndpoints(ModelHolder models, ServeOptions options, ServeMetrics metrics) {
        this.models = models;
        this.options = options;
        this.metrics = metrics;
    }

    /** The process is up and serving HTTP. */
    Reply live() {
        return Reply.json(200, Map.of("status", "UP"));
    }

    /** 200 once both models are loaded; 503 with a problem body while loading or after a failed load. */
    Reply ready() {
        if (models.current().isPresent()) {
            return Reply.json(200, Map.of("status", "UP"));
        }
        return Reply.problem(notReady(models));
    }

    Reply model() {
        LoadedModels loaded = models.current().orElseThrow(() -> notReady(models));
        return Reply.json(200, modelBody(loaded, options));
    }

    /** The body of {@code GET /v1/model}: the loaded artifacts, renderer, sampling, candidates and limits. */
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

    Reply metrics() {
        return Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
    }

    public static ProblemException notReady(ModelHolder models) {
        String detail = models.failure().map(f -> "the models failed to load: " + f)
                .orElse("the models are still loading");
        return ProblemException.unavailable("not-ready", "Not ready", detail, LOADING_RETRY_AFTER_SECONDS,
                Rejections.NOT_READY);
    }
}

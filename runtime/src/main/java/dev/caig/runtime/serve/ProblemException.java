package dev.caig.runtime.serve;

import java.util.Map;

/**
 * Ends a request with a problem response. Thrown by parsing, validation and admission; the endpoint wrapper turns
 * it into the response, so no handler writes error bodies itself.
 */
public final class ProblemException extends RuntimeException {
    private final Problem problem;
    private final Map<String, String> headers;
    private final String reason;

    private ProblemException(Problem problem, Map<String, String> headers, String reason) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = headers;
        this.reason = reason;
    }

    public Problem problem() {
        return problem;
    }

    /** Extra response headers (Retry-After, Allow, WWW-Authenticate). */
    public Map<String, String> headers() {
        return headers;
    }

    /** The rejection reason the metrics count this under. */
    public String reason() {
        return reason;
    }

    public int status() {
        return problem.status();
    }

    /** 400: a field or the body is wrong. */
    public static ProblemException badRequest(String slug, String title, String detail) {
        return new ProblemException(Problem.of(400, slug, title, detail), Map.of(), Rejections.BAD_REQUEST);
    }

    /** Any 4xx that is the client's mistake in the request content. */
    public static ProblemException invalid(int status, String slug, String title, String detail) {
        return new ProblemException(Problem.of(status, slug, title, detail), Map.of(), Rejections.BAD_REQUEST);
    }

    public static ProblemException notFound(String path) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", "no endpoint at " + path),
                Map.of(), Rejections.NOT_FOUND);
    }

    public static ProblemException methodNotAllowed(String method, String path, String allow) {
        return new ProblemException(Problem.of(405, "method-not-allowed", "Method not allowed",
                method + " is not supported on " + path + "; use " + allow), Map.of("Allow", allow), Rejections.BAD_REQUEST);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", detail),
                Map.of("WWW-Authenticate", "Bearer realm=\"caig\""), Rejections.UNAUTHORIZED);
    }

    /** 503 with Retry-After: the client may try again later (queue full, models still loading). */
    public static ProblemException unavailable(String slug, String title, String detail, int retryAfterSeconds, String reason) {
        return new ProblemException(Problem.of(503, slug, title, detail),
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)), reason);
    }

    public static ProblemException gatewayTimeout(String detail) {
        return new ProblemException(Problem.of(504, "timeout", "Generation timed out", detail), Map.of(), Rejections.TIMEOUT);
    }
}

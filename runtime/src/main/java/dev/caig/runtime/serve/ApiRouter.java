package dev.caig.runtime.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The one HTTP handler: routes by exact path, checks the method and the API key, and turns whatever the endpoint
 * does (a reply, a {@link ProblemException}, any other exception) into exactly one response, timed and counted.
 * Unexpected exceptions become a 500 problem whose body holds no stack trace; the log has it.
 */
final class ApiRouter implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    /** The endpoint tag of paths that match no route, so random paths cannot blow up the metric's labels. */
    static final String OTHER = "other";

    /** A route: its metric name, allowed methods, whether it needs an API key (when keys are configured). */
    record Route(String endpoint, List<String> methods, boolean needsKey, Endpoint handler) {
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final ApiKeys keys;
    private final ServeMetrics metrics;

    ApiRouter(ApiKeys keys, ServeMetrics metrics) {
        this.keys = keys;
        this.metrics = metrics;
    }

    ApiRouter route(String path, Route route) {
        routes.put(path, route);
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        metrics.requestStarted();
        String path = exchange.getRequestURI().getRawPath();
        Route route = routes.get(path);
        String endpoint = route == null ? OTHER : route.endpoint();
        CompletableFuture<Reply> reply;
        try {
            reply = dispatch(exchange, path, route);
        } catch (Throwable e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((r, e) -> finish(exchange, endpoint, start, r, e));
    }

    private CompletableFuture<Reply> dispatch(HttpExchange exchange, String path, Route route) {
        if (route == null) {
            throw ProblemException.notFound(path);
        }
        String method = exchange.getRequestMethod();
        boolean allowed = route.methods().contains(method) || (method.equals("HEAD") && route.methods().contains("GET"));
        if (!allowed) {
            throw ProblemException.methodNotAllowed(method, path, String.join(", ", route.methods()));
        }
        if (route.needsKey() && keys != null && !keys.accepts(exchange.getRequestHeaders())) {
            throw ProblemException.unauthorized(ApiKeys.presented(exchange.getRequestHeaders()) == null
                    ? "this endpoint needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"
                    : "the API key is not valid");
        }
        return route.handler().handle(exchange);
    }

    private void finish(HttpExchange exchange, String endpoint, long start, Reply reply, Throwable error) {
        Reply out = reply;
        try {
            if (error != null) {
                out = toReply(error, exchange);
            }
            write(exchange, out);
        } catch (Throwable e) {
            LOG.debug("could not write the response to {}: {}", exchange.getRemoteAddress(), e.toString());
        } finally {
            exchange.close();
            metrics.requestFinished(endpoint, out == null ? 500 : out.status(), System.nanoTime() - start);
        }
    }

    private Reply toReply(Throwable error, HttpExchange exchange) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof ProblemException problem) {
            metrics.rejected(problem.reason());
            return Reply.problem(problem);
        }
        LOG.error("unexpected error on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
        return Reply.problem(Problem.of(500, "internal-error", "Internal server error",
                "the server failed unexpectedly; the error is in its log"), Map.of());
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head || reply.body().length == 0) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }
}

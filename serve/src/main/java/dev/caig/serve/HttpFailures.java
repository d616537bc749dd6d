package dev.caig.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caig.runtime.serve.Problem;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Errors raised by the HTTP layer below REST (a body over the size limit, a malformed chunked body, request heads over
 * the limits, a request target that is not a valid URI, a request refused during shutdown) answered as problem bodies
 * instead of Quarkus' own error pages or empty bodies; and the body-read timeout:
 * a request whose body has not fully arrived within the request timeout gets a 408 and its connection is closed,
 * so a trickled body never reaches a generation slot (the whole body is read before REST calls a method).
 */
@Singleton
public class HttpFailures {
    private static final Logger LOG = Logger.getLogger(HttpFailures.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long bodyTimeoutMillis;
    private final long maxBodyBytes;
    private final ShutdownGate shutdown;

    HttpFailures(dev.caig.runtime.serve.ServeOptions options, ShutdownGate shutdown) {
        this.bodyTimeoutMillis = options.timeoutSeconds() * 1000L;
        this.maxBodyBytes = ServeSettings.maxBodyBytes(options);
        this.shutdown = shutdown;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::guardBody);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
    }

    /**
     * Refuses a declared body over the limit before reading it, answers a body the decoder cannot read (a malformed
     * chunk) with a 400 before the connection closes, and starts the body clock; the request then goes on at once.
     */
    private void guardBody(RoutingContext rc) {
        String uriProblem = HeadLimits.uriProblem(rc.request());
        if (uriProblem != null) {
            write(rc.response().putHeader("Connection", "close"), Problem.of(414, "uri-too-long", "URI too long", uriProblem));
            return;
        }
        String targetProblem = HeadLimits.invalidTargetProblem(rc.request());
        if (targetProblem != null) {
            write(rc.response().putHeader("Connection", "close"), Problem.of(400, "invalid-uri", "Invalid request target",
                    targetProblem));
            return;
        }
        String headProblem = HeadLimits.problem(rc.request());
        if (headProblem != null) {
            write(rc.response().putHeader("Connection", "close"), Problem.of(431, "headers-too-large",
                    "Request header fields too large", headProblem));
            return;
        }
        if (shutdown.refusing() && !rc.normalizedPath().startsWith("/q/")) {
            write(rc.response().putHeader("Connection", "close").putHeader("Retry-After", "1"), shuttingDown());
            return;
        }
        if (rc.request().method() == io.vertx.core.http.HttpMethod.POST && !acceptedMediaType(rc.request().getHeader("Content-Type"))) {
            String type = rc.request().getHeader("Content-Type");
            write(rc.response(), Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    (type == null ? "no Content-Type" : "Content-Type " + type.split(";", 2)[0].strip())
                            + ": send application/json or multipart/form-data"));
            return;
        }
        String boundaryProblem = boundaryProblem(rc.request().getHeader("Content-Type"));
        if (boundaryProblem != null) {
            write(rc.response(), Problem.of(400, "malformed-body", "Malformed request", boundaryProblem));
            return;
        }
        String declared = rc.request().getHeader("Content-Length");
        if (declared != null && declaredLength(declared) > maxBodyBytes) {
            write(rc.response().putHeader("Connection", "close"), tooLarge());
            return;
        }
        if (!rc.request().isEnded()) {
            // The decoder reports a broken body to the connection, then closes it; REST owns the request's own
            // exception handler, so the answer is written from the connection's, just before the close.
            if (rc.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
                rc.request().connection().exceptionHandler(e -> {
                    if (!rc.response().headWritten()) {
                        write(rc.response().putHeader("Connection", "close"), Problem.of(400, "malformed-body",
                                "Malformed request", "the request body could not be read: " + e.getMessage()));
                        // Vert.x defers flushes to the end of the read in progress, and then closes the channel
                        // without flushing: closing the connection ourselves first flushes the answer, then closes.
                        rc.request().connection().close();
                    }
                });
            }
            long timer = rc.vertx().setTimer(bodyTimeoutMillis, id -> {
                if (!rc.request().isEnded() && !rc.response().ended()) {
                    write(rc.response(), Problem.of(408, "body-timeout", "Request body too slow",
                            "the request body did not arrive within " + bodyTimeoutMillis / 1000 + " s"));
                    rc.request().connection().close();
                }
            });
            rc.addEndHandler(x -> rc.vertx().cancelTimer(timer));
        }
        rc.next();
    }

    /** What POST /v1/generate reads; JAX-RS matching alone would take a missing or wildcard type as JSON. */
    private static boolean acceptedMediaType(String header) {
        String type = header == null ? "" : header.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || type.equals("multipart/form-data");
    }

    /** RFC 2046: a multipart body needs a boundary of 1 to 70 characters; the form parser fails obscurely without. */
    static String boundaryProblem(String contentType) {
        if (contentType == null || !contentType.strip().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i);\\s*boundary=\"?([^\";]*)\"?").matcher(contentType);
        String boundary = m.find() ? m.group(1).strip() : "";
        if (boundary.isEmpty()) {
            return "multipart/form-data needs a boundary parameter";
        }
        return boundary.length() > 70 ? "the multipart boundary is longer than 70 characters" : null;
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // Vert.x refuses it anyway
        }
    }

    private static Problem tooLarge() {
        return Problem.of(413, "body-too-large", "Request body too large",
                "the request body is over the limit (--max-image-bytes plus base64 and form overhead)");
    }

    private static Problem shuttingDown() {
        return Problem.of(503, "shutting-down", "Shutting down", "the server is shutting down; retry on another replica");
    }

    private void failure(RoutingContext rc) {
        int status = rc.statusCode() > 0 ? rc.statusCode() : 500;
        if (rc.response().headWritten()) {
            return;
        }
        Problem problem = switch (status) {
            case 413 -> tooLarge();
            case 400 -> Problem.of(400, "malformed-body", "Malformed request",
                    rc.failure() == null ? "the request could not be read" : "the request could not be read: " + rc.failure().getMessage());
            case 503 -> shuttingDown();
            default -> status < 500 ? Problem.of(status, "bad-request", "Bad request", "the request was refused")
                    : Problem.of(500, "internal-error", "Internal server error", "the server failed unexpectedly; the error is in its log");
        };
        if (status >= 500 && status != 503) {
            LOG.error("HTTP layer failure", rc.failure());
        }
        write(rc.response(), problem);
    }

    static void write(HttpServerResponse response, Problem problem) {
        try {
            response.setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Cache-Control", "no-store").end(JSON.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            response.setStatusCode(problem.status()).end();
        }
    }
}

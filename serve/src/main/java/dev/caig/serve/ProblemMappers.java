package dev.caig.serve;

import dev.caig.runtime.serve.Problem;
import dev.caig.runtime.serve.ProblemException;
import dev.caig.runtime.serve.Rejections;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Every error of the REST layer as an RFC 9457 problem body ({@code application/problem+json}): the runtime's
 * problems as they are, JAX-RS errors (unknown path, method, media type) as problems of the same kinds, and anything
 * unexpected as a 500 without a stack trace (the log has it). Errors raised below REST: {@link HttpFailures}.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final GeneratorService service;

    ProblemMappers(GeneratorService service) {
        this.service = service;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        service.metrics().rejected(e.reason());
        return response(e.problem(), e.headers());
    }

    @ServerExceptionMapper
    public Response completion(CompletionException e) {
        if (e.getCause() instanceof ProblemException p) {
            return problem(p);
        }
        return unexpected(e.getCause() == null ? e : e.getCause());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        service.metrics().rejected(Rejections.NOT_FOUND);
        return response(Problem.of(404, "not-found", "Not found", "no endpoint at /" + uri.getPath().replaceFirst("^/", "")), Map.of());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        service.metrics().rejected(Rejections.BAD_REQUEST);
        // Every endpoint takes one method: POST for generation, GET for the rest.
        String allow = uri.getPath().equals("/v1/generate") ? "POST" : "GET";
        return response(Problem.of(405, "method-not-allowed", "Method not allowed",
                "this method is not supported on /" + uri.getPath().replaceFirst("^/", "") + "; use " + allow), Map.of("Allow", allow));
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e) {
        service.metrics().rejected(Rejections.BAD_REQUEST);
        return response(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                "send application/json or multipart/form-data"), Map.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        service.metrics().rejected(Rejections.BAD_REQUEST);
        String title = Response.Status.fromStatusCode(status) == null ? "Bad request"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return response(Problem.of(status, status == 413 ? "body-too-large" : "malformed-body", title,
                e.getMessage() == null ? title : e.getMessage()), Map.of());
    }

    /** The HTTP layer could not read the body (a broken multipart form, a connection cut mid-body). */
    @ServerExceptionMapper
    public Response unreadable(java.io.IOException e) {
        service.metrics().rejected(Rejections.BAD_REQUEST);
        return response(Problem.of(400, "malformed-body", "Malformed request",
                "the request body could not be read: " + e.getMessage()), Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("unexpected error", e);
        return response(Problem.of(500, "internal-error", "Internal server error",
                "the server failed unexpectedly; the error is in its log"), Map.of());
    }

    static Response response(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem)
                .header("Cache-Control", "no-store");
        headers.forEach(builder::header);
        return builder.build();
    }
}

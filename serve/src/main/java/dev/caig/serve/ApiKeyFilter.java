package dev.caig.serve;

import dev.caig.runtime.serve.ApiKeys;
import dev.caig.runtime.serve.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** {@code /v1/*} needs one of the API keys when a key file is given; the page, health and metrics stay open. */
public class ApiKeyFilter {
    private final GeneratorService service;

    ApiKeyFilter(GeneratorService service) {
        this.service = service;
    }

    @ServerRequestFilter
    public void requireKey(ContainerRequestContext request) {
        ApiKeys keys = service.keys();
        if (keys == null || !request.getUriInfo().getPath().startsWith("/v1/")) {
            return;
        }
        String presented = ApiKeys.presented(request.getHeaderString("Authorization"), request.getHeaderString("X-API-Key"));
        if (!keys.accepts(presented)) {
            throw ProblemException.unauthorized(presented == null
                    ? "this endpoint needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"
                    : "the API key is not valid");
        }
    }
}

package dev.caig.serve;

import dev.caig.runtime.serve.WebPage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The page at {@code /} for trying the service by hand: one static file, no external resources, no key needed. */
@Path("/")
public class WebPageResource {
    private static final byte[] HTML = new WebPage().html();

    @GET
    @Produces("text/html; charset=utf-8")
    @Operation(summary = "A web page to try the generator by hand (/?demo=1 runs a demo request)")
    public Response page() {
        return Response.ok(HTML).header("Content-Security-Policy", WebPage.CONTENT_SECURITY_POLICY)
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/index.html")
    @Produces("text/html; charset=utf-8")
    @Operation(hidden = true)
    public Response index() {
        return page();
    }
}

package dev.caig.runtime.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The page at {@code /}: one static HTML file with plain JavaScript and no external resources, read from the
 * class path once. It carries no data, so it is served without an API key; the key a person types into it is
 * sent with the API calls and kept only in the page.
 */
public final class WebPage {
    static final String RESOURCE = "/dev/caig/runtime/serve/index.html";

    private final byte[] html;

    public WebPage() {
        try (InputStream in = WebPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + RESOURCE);
            }
            html = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] html() {
        return html.clone();
    }

    /** The page loads nothing from elsewhere; the policy says so to the browser too. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
            + "style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'";
}

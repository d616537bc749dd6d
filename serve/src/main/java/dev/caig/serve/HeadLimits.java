package dev.caig.serve;

import io.vertx.core.http.HttpServerRequest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * What a request's target and header fields may hold. Vert.x answers a request line or head over its own decoder
 * limits with an empty 414 or 431 before any handler runs, so those limits (quarkus.http.limits.max-initial-line-length
 * and max-header-size) are set well above these, and a request over these gets a 414 or 431 problem body from
 * {@link HttpFailures} instead; only one over the decoder's ceilings still gets the empty answer.
 */
final class HeadLimits {
    /** Bytes of all header fields together, as "name: value\r\n". */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_HEADER_FIELDS = 100;
    /** Characters of the request target (path and query). */
    static final int MAX_URI_LENGTH = 4096;

    private HeadLimits() {
    }

    /** Why the request target is too long, or null. */
    static String uriProblem(HttpServerRequest request) {
        int length = request.uri().length();
        return length > MAX_URI_LENGTH ? "the request target has " + length + " characters; at most " + MAX_URI_LENGTH
                + " are read" : null;
    }

    /** Why the request target is not a valid URI (as Quarkus' own check, java.net.URI), or null. */
    static String invalidTargetProblem(HttpServerRequest request) {
        try {
            new URI(request.uri());
            return null;
        } catch (URISyntaxException e) {
            return "the request target is not a valid URI: " + e.getReason() + " at index " + e.getIndex();
        }
    }

    /** Why the request's header fields are over the limits, or null. */
    static String problem(HttpServerRequest request) {
        int fields = 0;
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            fields++;
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (fields > MAX_HEADER_FIELDS) {
            return fields + " header fields; at most " + MAX_HEADER_FIELDS + " are read";
        }
        return bytes > MAX_HEADER_BYTES ? "the header fields take " + bytes + " bytes; at most " + MAX_HEADER_BYTES
                + " are read" : null;
    }
}

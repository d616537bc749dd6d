package dev.caig.serve;

import io.vertx.core.http.HttpServerRequest;

import java.util.Map;

/**
 * What a request's header fields may hold. Vert.x answers a head over its own decoder limit with an empty 431 before
 * any handler runs, so that limit (quarkus.http.limits.max-header-size) is set well above these, and a head over
 * these gets a 431 problem body from {@link HttpFailures} instead; only a head over the decoder's ceiling still gets
 * the empty 431.
 */
final class HeadLimits {
    /** Bytes of all header fields together, as "name: value\r\n". */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_HEADER_FIELDS = 100;

    private HeadLimits() {
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

package dev.caig.runtime.serve;

/** Reasons a request is turned away, as the {@code reason} tag of the rejections counter. */
final class Rejections {
    static final String QUEUE_FULL = "queue_full";
    static final String TIMEOUT = "timeout";
    static final String BAD_REQUEST = "bad_request";
    static final String UNAUTHORIZED = "unauthorized";
    static final String NOT_FOUND = "not_found";
    static final String NOT_READY = "not_ready";

    private Rejections() {
    }
}

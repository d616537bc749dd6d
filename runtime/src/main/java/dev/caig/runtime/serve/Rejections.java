package dev.caig.runtime.serve;

/** Reasons a request is turned away, as the {@code reason} tag of the rejections counter. */
public final class Rejections {
    public static final String QUEUE_FULL = "queue_full";
    public static final String TIMEOUT = "timeout";
    public static final String BAD_REQUEST = "bad_request";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String NOT_FOUND = "not_found";
    public static final String NOT_READY = "not_ready";

    private Rejections() {
    }
}

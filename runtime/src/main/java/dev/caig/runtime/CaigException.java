package dev.caig.runtime;

/**
 * An error a user can act on: bad input, a missing artifact, an unreachable store. The command line prints
 * its message as one line and exits non-zero, so the message must name the file, field or URI at fault.
 */
public class CaigException extends RuntimeException {
    public CaigException(String message) {
        super(message);
    }

    public CaigException(String message, Throwable cause) {
        super(message, cause);
    }
}

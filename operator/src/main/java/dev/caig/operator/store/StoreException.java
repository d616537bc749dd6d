package dev.caig.operator.store;

/** The store could not be reached or refused a request; the operator retries later. */
public class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}

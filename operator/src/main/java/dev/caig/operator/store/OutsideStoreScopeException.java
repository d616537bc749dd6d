package dev.caig.operator.store;

/** The operator was about to read or delete an object outside what the resource's namespace may use. */
public class OutsideStoreScopeException extends StoreException {
    public OutsideStoreScopeException(String message) {
        super(message);
    }
}

package dev.caig.runtime.data;

/**
 * What a lenient read found: the valid part of the input and the report of everything else. Training stops on any
 * problem ({@link #orThrow()}); batch generation may go on with the valid part and list the rest.
 *
 * @param value  the input without its bad entries
 * @param report every problem found
 */
public record Validated<T>(T value, ValidationReport report) {

    /** The value when there were no problems; otherwise a {@link ValidationException} listing them all. */
    public T orThrow() {
        report.throwIfAny();
        return value;
    }
}

package dev.caig.runtime;

/**
 * Input that no retry can fix: an invalid pipeline config or invalid data. The command line exits with
 * {@code CaigCommand.EXIT_INVALID_INPUT} (4), which a stage Job's podFailurePolicy turns into an immediate failure.
 */
public class InvalidInputException extends CaigException {
    public InvalidInputException(String message) {
        super(message);
    }
}

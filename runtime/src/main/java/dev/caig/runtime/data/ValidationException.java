package dev.caig.runtime.data;

import dev.caig.runtime.InvalidInputException;

import java.util.List;
import java.util.stream.Collectors;

/** Input files with problems; the message lists all of them, file by file (summary line first). */
public final class ValidationException extends InvalidInputException {

    private final transient List<ValidationReport> reports;

    public ValidationException(List<ValidationReport> reports) {
        super(reports.stream().filter(r -> !r.ok()).map(ValidationReport::render)
                .collect(Collectors.joining(System.lineSeparator())));
        this.reports = List.copyOf(reports);
    }

    public List<ValidationReport> reports() {
        return reports;
    }
}

package dev.caig.runtime.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Every problem found in one input file, so that a user fixes them all in one go instead of one per run. Renders
 * as a summary line ({@code catalog.json: 3 problems}) followed by one line per problem.
 */
public final class ValidationReport {

    /**
     * One problem.
     *
     * @param file  the file at fault, as the user named it
     * @param where     the entry ({@code entry [3] id "7"}), empty for the whole file
     * @param productId the product the problem belongs to, or null (whole file, entry without an id)
     * @param what      what is wrong
     */
    public record Problem(String file, String where, String productId, String what) {
        @Override
        public String toString() {
            return file + ": " + (where.isEmpty() ? "" : where + ": ") + what;
        }
    }

    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    public ValidationReport(String file) {
        this.file = file;
    }

    /** The file this report is about. */
    public String file() {
        return file;
    }

    public void add(String where, String what) {
        addFor(null, where, what);
    }

    /** A problem of one product's entry, so that callers can skip that product and keep the rest. */
    public void addFor(String productId, String where, String what) {
        problems.add(new Problem(file, where, productId, what));
    }

    /** Products with at least one problem. */
    public Set<String> productIds() {
        Set<String> ids = new LinkedHashSet<>();
        problems.stream().map(Problem::productId).filter(Objects::nonNull).forEach(ids::add);
        return ids;
    }

    /** A problem about the whole file. */
    public void addFileProblem(String what) {
        add("", what);
    }

    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** {@code catalog.json: 3 problems} (or {@code ...: no problems}). */
    public String summaryLine() {
        int n = problems.size();
        return file + ": " + (n == 0 ? "no problems" : n + (n == 1 ? " problem" : " problems"));
    }

    /** The summary line, then one indented line per problem. */
    public String render() {
        StringBuilder out = new StringBuilder(summaryLine());
        for (Problem p : problems) {
            out.append(System.lineSeparator()).append("  ").append(p);
        }
        return out.toString();
    }

    /** Throws a {@link ValidationException} carrying this report when there is any problem. */
    public void throwIfAny() {
        if (!ok()) {
            throw new ValidationException(List.of(this));
        }
    }

    @Override
    public String toString() {
        return render();
    }
}

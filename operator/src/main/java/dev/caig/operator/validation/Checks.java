package dev.caig.operator.validation;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.caig.operator.crd.v1alpha1.StageResources;
import io.fabric8.kubernetes.api.model.Quantity;

/** Small reusable semantic checks; each returns the problem, or empty. */
public final class Checks {
    private static final Pattern LABEL_NAME = Pattern.compile("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$");

    private Checks() {
    }

    @SafeVarargs
    public static Optional<String> firstPresent(Supplier<Optional<String>>... checks) {
        return Stream.of(checks).map(Supplier::get).flatMap(Optional::stream).findFirst();
    }

    @SafeVarargs
    public static Optional<SpecProblem> firstProblem(Supplier<Optional<SpecProblem>>... checks) {
        return Stream.of(checks).map(Supplier::get).flatMap(Optional::stream).findFirst();
    }

    public static Optional<String> nodeSelector(String field, Map<String, String> selector) {
        if (selector == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!LABEL_NAME.matcher(e.getKey()).matches() || e.getKey().length() > 317) {
                return Optional.of(field + ": '" + e.getKey() + "' is not a valid label key");
            }
            if (e.getValue() == null || !LABEL_VALUE.matcher(e.getValue()).matches()) {
                return Optional.of(field + "['" + e.getKey() + "']: '" + e.getValue() + "' is not a valid label value");
            }
        }
        return Optional.empty();
    }

    /** CPU and memory must be positive quantities (the schema pattern allows "0"). */
    public static Optional<String> resources(String field, StageResources r) {
        if (r == null) {
            return Optional.empty();
        }
        return firstPresent(() -> positive(field + ".cpu", r.getCpu()), () -> positive(field + ".memory", r.getMemory()));
    }

    private static Optional<String> positive(String field, String quantity) {
        if (quantity == null) {
            return Optional.empty();
        }
        try {
            if (Quantity.getAmountInBytes(new Quantity(quantity)).signum() <= 0) {
                return Optional.of(field + ": '" + quantity + "' must be greater than zero");
            }
            return Optional.empty();
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.of(field + ": '" + quantity + "' is not a quantity");
        }
    }
}

package dev.caig.operator.validation;

/**
 * Why a resource's spec is refused: its condition and event reason, and a one-line message naming the field. A store
 * location outside the prefixes the resource's namespace may use has a reason of its own (StoreScopeDenied), so that
 * a platform team can alert on it apart from typos.
 */
public record SpecProblem(String reason, String message) {
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String STORE_SCOPE_DENIED = "StoreScopeDenied";

    public static SpecProblem invalid(String message) {
        return new SpecProblem(INVALID_SPEC, message);
    }

    public static SpecProblem storeScope(String message) {
        return new SpecProblem(STORE_SCOPE_DENIED, message);
    }
}

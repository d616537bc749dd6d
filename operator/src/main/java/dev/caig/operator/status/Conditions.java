package dev.caig.operator.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * Sets conditions the Kubernetes way: one per type, observedGeneration stamped, and lastTransitionTime kept unless
 * the status flips (so that a re-reconcile does not look like a transition).
 */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String FAILED = "Failed";
    public static final String SUSPENDED = "Suspended";
    public static final String SCHEDULED = "Scheduled";
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String WAITING_FOR_MODEL = "WaitingForModel";
    /** True when the spec was changed after the run started (the run keeps its pinned config). */
    public static final String CONFIG_CHANGED = "ConfigChanged";
    /** True while reconciling fails (the store or the API server refused); retried with backoff. */
    public static final String RECONCILE_ERROR = "ReconcileError";

    private Conditions() {
    }

    public static void set(List<Condition> conditions, List<Condition> previous, String type, boolean status,
            String reason, String message, Long generation, Instant now) {
        String statusText = status ? "True" : "False";
        String transition = find(previous, type).filter(c -> statusText.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime).orElse(now.toString());
        conditions.removeIf(c -> type.equals(c.getType()));
        conditions.add(new ConditionBuilder().withType(type).withStatus(statusText).withReason(reason)
                .withMessage(message == null ? "" : message).withObservedGeneration(generation)
                .withLastTransitionTime(transition).build());
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }
}

package dev.caig.operator.trainingjob;

import dev.caig.operator.crd.v1alpha1.StageState;

/** What the cluster says about one stage right now (before the store is read). */
public record StageObservation(StageState state, int attempts, String startTime, String completionTime,
        String reason, String message, Waiting waiting) {

    public static StageObservation of(StageState state) {
        return new StageObservation(state, 0, null, null, null, null, null);
    }

    /** Finished and its artifact verified: dependants may start. */
    public boolean done() {
        return (state == StageState.Succeeded || state == StageState.Skipped) && !ArtifactVerifier.NOT_READ.equals(reason);
    }
}

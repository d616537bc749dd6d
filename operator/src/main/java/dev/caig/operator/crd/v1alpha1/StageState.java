package dev.caig.operator.crd.v1alpha1;

/** Lifecycle of one pipeline stage as the operator observes it. */
public enum StageState {
    /** Waiting for the stages it depends on. */
    Pending,
    /** Not run: spec gave its artifact (fromArtifact). */
    Skipped,
    /** Job exists, no pod running yet (scheduling, queue admission, image pull). */
    Starting,
    Running,
    Suspended,
    Succeeded,
    Failed,
    /** Its Job was deleted because another stage failed for good (fail fast). */
    Stopped

}

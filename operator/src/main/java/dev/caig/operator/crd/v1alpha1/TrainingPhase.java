package dev.caig.operator.crd.v1alpha1;

public enum TrainingPhase {
    Pending,
    /** Every started stage waits for Kueue to admit its Job (nothing runs yet). */
    Queued,
    Running,
    Suspended,
    Succeeded,
    Failed,
    /** The spec fails a semantic check; nothing was created. */
    Invalid

}

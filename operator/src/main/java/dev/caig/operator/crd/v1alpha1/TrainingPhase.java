package dev.caig.operator.crd.v1alpha1;

public enum TrainingPhase {
    Pending,
    Running,
    Suspended,
    Succeeded,
    Failed,
    /** The spec fails a semantic check; nothing was created. */
    Invalid

}

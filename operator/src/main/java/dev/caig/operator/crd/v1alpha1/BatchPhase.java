package dev.caig.operator.crd.v1alpha1;

/** Where an AdImageBatch is: its model, then its shards, then the merge. */
public enum BatchPhase {
    WaitingForModel,
    Generating,
    Merging,
    Succeeded,
    Failed,
    Suspended,
    Invalid
}

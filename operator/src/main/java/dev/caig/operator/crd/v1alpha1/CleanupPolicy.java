package dev.caig.operator.crd.v1alpha1;

public enum CleanupPolicy {
    Retain,
    Delete

}

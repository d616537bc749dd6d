package dev.caig.operator.crd.v1alpha1;

public enum GeneratorPhase {
    WaitingForModel,
    Deploying,
    Ready,
    Invalid

}

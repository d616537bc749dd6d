package dev.caig.operator.events;

/** Reasons of the Kubernetes Events the operator records (one per transition). */
public enum Reason {
    InvalidSpec,
    StageStarted,
    StageRetrying,
    StageSucceeded,
    StageFailed,
    StageSkipped,
    Unschedulable,
    Suspended,
    Resumed,
    TrainingSucceeded,
    TrainingFailed,
    ArtifactsDeleted,
    CleanupFailed,
    WaitingForModel,
    ModelReady,
    RolledOut,
    GeneratorReady,
    BatchGenerating,
    BatchMerging,
    BatchSucceeded,
    BatchFailed,
    Error
}

package dev.caig.operator.events;

/** Reasons of the Kubernetes Events the operator records (one per transition). */
public enum Reason {
    InvalidSpec,
    /** A store location outside the prefixes the resource's namespace may use (chart values storeScope.*). */
    StoreScopeDenied,
    StageStarted,
    StageRetrying,
    StageSucceeded,
    StageFailed,
    StageSkipped,
    StageStopped,
    Unschedulable,
    Queued,
    Suspended,
    Resumed,
    TrainingSucceeded,
    TrainingFailed,
    ArtifactsDeleted,
    ArtifactsKept,
    CleanupFailed,
    WaitingForModel,
    ModelReady,
    RolledOut,
    GeneratorReady,
    /** A generator's rollout waits on the cluster (image pull, missing Secret, progress deadline); see the message. */
    RolloutStalled,
    BatchGenerating,
    BatchMerging,
    BatchSucceeded,
    BatchFailed,
    Error;

    /** The event reason of a refused spec: the reason of its InvalidSpec condition. */
    public static Reason ofRefusal(String conditionReason) {
        return StoreScopeDenied.name().equals(conditionReason) ? StoreScopeDenied : InvalidSpec;
    }
}

package dev.caig.operator.trainingjob;

import java.util.Collection;
import java.util.Optional;

import dev.caig.operator.crd.v1alpha1.StageState;
import dev.caig.operator.crd.v1alpha1.StageStatus;
import dev.caig.operator.runtimepod.KueueJobs;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;

/** Reads one stage's state from its Job (and pods). Pure. */
public final class StageObserver {

    private StageObserver() {
    }

    public static StageObservation observe(PlannedStage stage, Optional<Job> job, Collection<Pod> pods,
            Optional<StageStatus> previous) {
        if (stage.skipped()) {
            return StageObservation.of(StageState.Skipped);
        }
        if (job.isEmpty()) {
            // A finished stage whose Job was deleted (e.g. by a TTL) stays finished: never run a stage twice.
            return previous.filter(p -> p.getState() == StageState.Succeeded || p.getState() == StageState.Failed
                            || p.getState() == StageState.Stopped)
                    .map(p -> new StageObservation(p.getState(), nz(p.getAttempts()), p.getStartTime(),
                            p.getCompletionTime(), p.getReason(), p.getMessage(), null))
                    .orElse(StageObservation.of(StageState.Pending));
        }
        Job j = job.get();
        JobStatus s = j.getStatus() == null ? new JobStatus() : j.getStatus();
        int attempts = nz(s.getFailed()) + nz(s.getActive()) + nz(s.getSucceeded());
        Optional<JobCondition> complete = condition(s, "Complete");
        if (complete.isPresent()) {
            return new StageObservation(StageState.Succeeded, attempts, s.getStartTime(),
                    s.getCompletionTime() != null ? s.getCompletionTime() : complete.get().getLastTransitionTime(),
                    null, null, null);
        }
        Optional<JobCondition> failed = condition(s, "Failed");
        if (failed.isPresent()) {
            JobCondition c = failed.get();
            return new StageObservation(StageState.Failed, attempts, s.getStartTime(), c.getLastTransitionTime(),
                    c.getReason() == null ? "JobFailed" : c.getReason(),
                    "Job " + j.getMetadata().getName() + " failed after " + attempts + " attempt(s): " + c.getMessage(),
                    null);
        }
        if (Boolean.TRUE.equals(j.getSpec().getSuspend())) {
            // Kueue suspends a Job until it admits it, and again when it evicts or preempts it: the stage is queued.
            Waiting waiting = KueueJobs.waitingForAdmission(j) ? new Waiting(TrainingStatusBuilder.QUEUE_ADMISSION,
                    "Job " + j.getMetadata().getName() + " is suspended until Kueue admits it from queue " + KueueJobs.queue(j))
                    : null;
            return new StageObservation(KueueJobs.suspendedByOperator(j) ? StageState.Suspended : StageState.Starting,
                    attempts, s.getStartTime(), null, null, null, waiting);
        }
        Optional<Waiting> stuck = PodDiagnostics.why(pods);
        if (stuck.isPresent()) {
            return new StageObservation(StageState.Starting, attempts, s.getStartTime(), null, null, null, stuck.get());
        }
        // Running once a pod runs: the Job controller counts ready pods (status.ready); a pod still pulling its
        // image or creating its container is active but not running.
        if (nz(s.getReady()) > 0 || PodDiagnostics.anyRunning(pods)) {
            return new StageObservation(StageState.Running, attempts, s.getStartTime(), null, null, null, null);
        }
        Waiting notScheduled = PodDiagnostics.anyScheduled(pods) ? null : new Waiting(PodDiagnostics.NOT_SCHEDULED_YET,
                "no pod of Job " + j.getMetadata().getName() + " is scheduled yet");
        return new StageObservation(StageState.Starting, attempts, s.getStartTime(), null, null, null, notScheduled);
    }

    /**
     * After a stage failed for good, the sibling stages whose Jobs were deleted (fail fast) are Stopped, not Pending:
     * what they had reported stays.
     */
    public static void markStopped(java.util.Map<Stage, StageObservation> observed, java.util.List<StageStatus> previous) {
        Optional<String> failed = observed.entrySet().stream().filter(e -> e.getValue().state() == StageState.Failed)
                .map(e -> e.getKey().id()).findFirst();
        if (failed.isEmpty()) {
            return;
        }
        markActiveNowPending(observed, previous, StageState.Stopped, "StoppedAfterFailure",
                "stopped because stage " + failed.get() + " failed");
    }

    /**
     * While spec.suspend holds, a stage whose Kueue Job was deleted to stop it is Suspended, not Pending: it is made
     * again on resume and resumes from its checkpoint.
     */
    public static void markSuspended(java.util.Map<Stage, StageObservation> observed, java.util.List<StageStatus> previous) {
        markActiveNowPending(observed, previous, StageState.Suspended, "StoppedForSuspend",
                "its Job was deleted (Kueue owns the Job's suspension); it is made again on resume");
    }

    /**
     * A stage that was active in the last status (Starting, Running or Suspended) and is observed Pending now has lost
     * its Job on purpose: it is recorded in {@code state}, keeping its attempts and start time.
     */
    private static void markActiveNowPending(java.util.Map<Stage, StageObservation> observed,
                                             java.util.List<StageStatus> previous, StageState state, String reason,
                                             String message) {
        for (var e : observed.entrySet()) {
            Optional<StageStatus> prev = previous.stream().filter(p -> e.getKey().id().equals(p.getName())).findFirst();
            boolean wasActive = prev.map(p -> p.getState() == StageState.Starting || p.getState() == StageState.Running
                    || p.getState() == StageState.Suspended).orElse(false);
            if (e.getValue().state() == StageState.Pending && wasActive) {
                StageStatus p = prev.get();
                e.setValue(new StageObservation(state, nz(p.getAttempts()), p.getStartTime(), null, reason, message, null));
            }
        }
    }

    private static Optional<JobCondition> condition(JobStatus s, String type) {
        return s.getConditions() == null ? Optional.empty()
                : s.getConditions().stream().filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }
}

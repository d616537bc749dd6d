package dev.caig.operator.trainingjob;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobStatus;
import dev.caig.operator.crd.v1alpha1.StageState;
import dev.caig.operator.crd.v1alpha1.StageStatus;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.events.EventRecorder.Type;
import dev.caig.operator.events.Reason;
import dev.caig.operator.status.Conditions;

/** The Events one status change deserves: one per stage transition, retry, phase change and new wait reason. */
public final class TransitionEvents {

    public record PendingEvent(Type type, Reason reason, String message) {
    }

    private TransitionEvents() {
    }

    public static List<PendingEvent> between(AdImageTrainingJobStatus before, AdImageTrainingJobStatus after) {
        AdImageTrainingJobStatus prev = before == null ? new AdImageTrainingJobStatus() : before;
        List<PendingEvent> events = new ArrayList<>();
        if (after.getPhase() == TrainingPhase.Invalid) {
            if (prev.getPhase() != TrainingPhase.Invalid || !Objects.equals(prev.getMessage(), after.getMessage())) {
                String reason = Conditions.find(after.getConditions(), Conditions.INVALID_SPEC).map(c -> c.getReason()).orElse(null);
                events.add(new PendingEvent(Type.Warning, Reason.ofRefusal(reason), after.getMessage()));
            }
            return events;
        }
        for (StageStatus s : after.getStages()) {
            Optional<StageStatus> p = prev.getStages().stream().filter(x -> x.getName().equals(s.getName())).findFirst();
            StageState was = p.map(StageStatus::getState).orElse(StageState.Pending);
            stageEvents(s, was, p.map(StageStatus::getAttempts).orElse(0), events);
        }
        if (after.getPhase() != prev.getPhase()) {
            phaseEvent(prev.getPhase(), after, events);
        }
        Optional<String> waitBefore = waitReason(prev);
        Optional<String> waitAfter = waitReason(after);
        // A pod the scheduler has not got to yet is no news; one it cannot place is.
        boolean routine = waitAfter.map(w -> w.startsWith(PodDiagnostics.NOT_SCHEDULED_YET + ":")).orElse(false);
        if (waitAfter.isPresent() && !routine && !waitAfter.equals(waitBefore)) {
            // Waiting in a Kueue queue is normal, not a warning.
            events.add(waitAfter.get().startsWith(TrainingStatusBuilder.QUEUE_ADMISSION + ":")
                    ? new PendingEvent(Type.Normal, Reason.Queued, after.getMessage())
                    : new PendingEvent(Type.Warning, Reason.Unschedulable, after.getMessage()));
        }
        return events;
    }

    private static void stageEvents(StageStatus s, StageState was, Integer attemptsBefore, List<PendingEvent> events) {
        StageState now = s.getState();
        int before = attemptsBefore == null ? 0 : attemptsBefore;
        int attempts = s.getAttempts() == null ? 0 : s.getAttempts();
        // A retry can show up together with a state change (Starting with attempt 1, then Running with attempt 2,
        // when the operator did not observe the first attempt running), or even as the first count it sees (0, then
        // 2, when a busy operator missed the first attempt entirely): any count above 1 that rose is a retry.
        if (attempts > Math.max(before, 1) && (now == StageState.Running || now == StageState.Starting)) {
            events.add(new PendingEvent(Type.Warning, Reason.StageRetrying,
                    "stage " + s.getName() + " retrying: attempt " + attempts + " (Job " + s.getJobName() + ")"));
        }
        if (now == was) {
            return;
        }
        switch (now) {
            case Starting, Running -> {
                if (was == StageState.Pending) {
                    events.add(new PendingEvent(Type.Normal, Reason.StageStarted,
                            "stage " + s.getName() + " started as Job " + s.getJobName()));
                }
            }
            case Succeeded -> events.add(new PendingEvent(Type.Normal, Reason.StageSucceeded,
                    "stage " + s.getName() + " succeeded; artifact " + s.getArtifactUri()));
            case Failed -> events.add(new PendingEvent(Type.Warning, Reason.StageFailed,
                    "stage " + s.getName() + " failed (" + s.getReason() + "): " + s.getMessage()));
            case Stopped -> events.add(new PendingEvent(Type.Normal, Reason.StageStopped,
                    "stage " + s.getName() + " stopped: " + s.getMessage()));
            case Skipped -> events.add(new PendingEvent(Type.Normal, Reason.StageSkipped,
                    "stage " + s.getName() + " not run: using " + s.getArtifactUri()));
            default -> {
            }
        }
    }

    private static void phaseEvent(TrainingPhase was, AdImageTrainingJobStatus after, List<PendingEvent> events) {
        switch (after.getPhase()) {
            case Succeeded -> events.add(new PendingEvent(Type.Normal, Reason.TrainingSucceeded, after.getMessage()));
            case Failed -> events.add(new PendingEvent(Type.Warning, Reason.TrainingFailed, after.getMessage()));
            case Suspended -> events.add(new PendingEvent(Type.Normal, Reason.Suspended, after.getMessage()));
            default -> {
                if (was == TrainingPhase.Suspended) {
                    events.add(new PendingEvent(Type.Normal, Reason.Resumed, after.getMessage()));
                }
            }
        }
    }

    private static Optional<String> waitReason(AdImageTrainingJobStatus status) {
        return Conditions.find(status.getConditions(), Conditions.SCHEDULED)
                .filter(c -> "False".equals(c.getStatus()) && !"NoActiveStage".equals(c.getReason())).map(c -> c.getReason() + ":" + c.getMessage());
    }
}

package dev.caig.operator.trainingjob;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

/** Finds why a stage's pod does not run: unschedulable, image pull, missing Secret or ConfigMap. */
public final class PodDiagnostics {
    private static final Set<String> STUCK_CONTAINER_REASONS = Set.of("ImagePullBackOff", "ErrImagePull",
            "InvalidImageName", "CreateContainerConfigError", "CreateContainerError");

    /** The wait reason of a stage whose pods the scheduler has not placed yet (normal for a moment: no event). */
    public static final String NOT_SCHEDULED_YET = "PodNotScheduledYet";

    private PodDiagnostics() {
    }

    /** A pod the scheduler placed (PodScheduled=True), e.g. one still pulling its image. */
    public static boolean anyScheduled(Collection<Pod> pods) {
        return pods.stream().anyMatch(p -> p.getStatus() != null && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream()
                        .anyMatch(c -> "PodScheduled".equals(c.getType()) && "True".equals(c.getStatus())));
    }

    /** A pod whose containers run (phase Running): more than scheduled, and more than ContainerCreating. */
    public static boolean anyRunning(Collection<Pod> pods) {
        return pods.stream().anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
    }

    public static Optional<Waiting> why(Collection<Pod> pods) {
        for (Pod pod : pods) {
            if (pod.getStatus() == null || isFinished(pod)) {
                continue;
            }
            if (pod.getStatus().getConditions() != null) {
                for (PodCondition c : pod.getStatus().getConditions()) {
                    if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
                        return Optional.of(new Waiting(c.getReason() == null ? "Unschedulable" : c.getReason(),
                                "pod " + pod.getMetadata().getName() + " cannot be scheduled: " + c.getMessage()));
                    }
                }
            }
            if (pod.getStatus().getContainerStatuses() != null) {
                for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
                    if (cs.getState() != null && cs.getState().getWaiting() != null
                            && STUCK_CONTAINER_REASONS.contains(cs.getState().getWaiting().getReason())) {
                        return Optional.of(new Waiting(cs.getState().getWaiting().getReason(), "pod "
                                + pod.getMetadata().getName() + ": " + cs.getState().getWaiting().getMessage()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isFinished(Pod pod) {
        String phase = pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}

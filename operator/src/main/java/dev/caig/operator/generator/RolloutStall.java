package dev.caig.operator.generator;

import java.util.Collection;
import java.util.Optional;

import dev.caig.operator.trainingjob.PodDiagnostics;
import dev.caig.operator.trainingjob.Waiting;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;

/**
 * Why a generator's rollout does not finish, from what the cluster reports: a pod that cannot be scheduled or whose
 * container cannot start (image pull, missing Secret; the stage pods' diagnosis), else the Deployment's own
 * ProgressDeadlineExceeded. A pod's cause comes first: it says what to fix, the deadline only that time ran out.
 */
public final class RolloutStall {
    public static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    private RolloutStall() {
    }

    public static Optional<Waiting> why(Optional<Deployment> deployment, Collection<Pod> pods) {
        Optional<Waiting> pod = PodDiagnostics.why(pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList());
        if (pod.isPresent()) {
            return pod;
        }
        return deployment.flatMap(RolloutStall::deadlineExceeded);
    }

    private static Optional<Waiting> deadlineExceeded(Deployment d) {
        if (d.getStatus() == null || d.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        for (DeploymentCondition c : d.getStatus().getConditions()) {
            if ("Progressing".equals(c.getType()) && "False".equals(c.getStatus()) && PROGRESS_DEADLINE_EXCEEDED.equals(c.getReason())) {
                return Optional.of(new Waiting(PROGRESS_DEADLINE_EXCEEDED, "Deployment " + d.getMetadata().getName() + ": "
                        + c.getMessage()));
            }
        }
        return Optional.empty();
    }
}

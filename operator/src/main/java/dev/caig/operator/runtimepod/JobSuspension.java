package dev.caig.operator.runtimepod;

import java.util.HashMap;
import java.util.Optional;

import dev.caig.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;

/** What a resource's spec.suspend does to one of its unfinished Jobs, for stage and batch Jobs alike. */
public final class JobSuspension {

    public enum Change {
        NONE,
        /** set .spec.suspend (a Job without a queue) */
        SUSPEND,
        /** clear .spec.suspend of a Job the operator suspended */
        RESUME,
        /** delete the Job: a Kueue Job is stopped the Kueue way, and made again on resume */
        DELETE
    }

    private JobSuspension() {
    }

    /** Never SUSPEND or RESUME for a Kueue Job: its .spec.suspend is Kueue's (KueueJobs). */
    public static Change decide(Job job, boolean suspend) {
        if (KueueJobs.managedByKueue(job)) {
            return suspend ? Change.DELETE : Change.NONE;
        }
        boolean ours = KueueJobs.suspendedByOperator(job);
        if (suspend && !ours) {
            return Change.SUSPEND;
        }
        return !suspend && ours ? Change.RESUME : Change.NONE;
    }

    /** Carries out a change; returns the Job as it is now, or empty once deleted. */
    public static Optional<Job> apply(KubernetesClient client, Job job, Change change) {
        var resource = client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
                .withName(job.getMetadata().getName());
        return switch (change) {
            case NONE -> Optional.of(job);
            case SUSPEND, RESUME -> Optional.of(resource.edit(x -> {
                boolean suspend = change == Change.SUSPEND;
                x.getSpec().setSuspend(suspend);
                if (x.getMetadata().getAnnotations() == null) {
                    x.getMetadata().setAnnotations(new HashMap<>());
                }
                if (suspend) {
                    x.getMetadata().getAnnotations().put(ResourceNames.SUSPENDED_BY_OPERATOR_ANNOTATION, "true");
                } else {
                    x.getMetadata().getAnnotations().remove(ResourceNames.SUSPENDED_BY_OPERATOR_ANNOTATION);
                }
                return x;
            }));
            case DELETE -> {
                resource.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                yield Optional.empty();
            }
        };
    }
}

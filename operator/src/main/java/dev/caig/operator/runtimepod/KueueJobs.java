package dev.caig.operator.runtimepod;

import java.util.Map;

import dev.caig.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * Who owns a Job's {@code .spec.suspend}. A Job with a Kueue queue label belongs to Kueue: Kueue unsuspends it on
 * admission and suspends it again on eviction or preemption, so the operator never flips it; to stop such a Job the
 * operator deletes it (Kueue then releases the workload's quota) and creates it again to resume (the stage resumes
 * from its last checkpoint). A Job without a queue is suspended and resumed through {@code .spec.suspend}.
 */
public final class KueueJobs {
    private KueueJobs() {
    }

    public static boolean managedByKueue(Job job) {
        Map<String, String> labels = job.getMetadata().getLabels();
        return labels != null && labels.containsKey(ResourceNames.KUEUE_QUEUE_LABEL);
    }

    public static String queue(Job job) {
        return managedByKueue(job) ? job.getMetadata().getLabels().get(ResourceNames.KUEUE_QUEUE_LABEL) : null;
    }

    /** Suspended by the operator for spec.suspend (never true for a Kueue Job). */
    public static boolean suspendedByOperator(Job job) {
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        return !managedByKueue(job) && annotations != null
                && annotations.containsKey(ResourceNames.SUSPENDED_BY_OPERATOR_ANNOTATION);
    }

    /** Suspended and waiting for Kueue to admit it (first admission, or after an eviction or preemption). */
    public static boolean waitingForAdmission(Job job) {
        return managedByKueue(job) && job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend());
    }
}

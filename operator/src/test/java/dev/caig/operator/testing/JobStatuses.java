package dev.caig.operator.testing;

import java.time.Instant;
import java.util.ArrayList;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Writes Job status the way the Job controller would (the mock API server runs no controllers). */
public final class JobStatuses {
    private JobStatuses() {
    }

    /** A pod runs and is ready (the Job controller's status.ready). */
    public static Job running(KubernetesClient client, String ns, String name) {
        return edit(client, ns, name, s -> {
            s.setActive(1);
            s.setReady(1);
            if (s.getStartTime() == null) {
                s.setStartTime(Instant.now().toString());
            }
        });
    }

    /** One pod failed and the Job controller started the next one (a retry). */
    public static Job failedAttemptRetrying(KubernetesClient client, String ns, String name) {
        return edit(client, ns, name, s -> {
            s.setFailed((s.getFailed() == null ? 0 : s.getFailed()) + 1);
            s.setActive(1);
            s.setReady(1);
        });
    }

    public static Job succeeded(KubernetesClient client, String ns, String name) {
        return edit(client, ns, name, s -> {
            s.setActive(0);
            s.setReady(0);
            s.setSucceeded(1);
            s.setCompletionTime(Instant.now().toString());
            s.getConditions().add(condition("Complete", null, null));
        });
    }

    public static Job failed(KubernetesClient client, String ns, String name, String reason, String message) {
        return edit(client, ns, name, s -> {
            s.setActive(0);
            s.setReady(0);
            s.setFailed((s.getFailed() == null ? 0 : s.getFailed()) + 1);
            s.getConditions().add(condition("Failed", reason, message));
        });
    }

    /** One index of an Indexed Job succeeded. */
    public static Job indexSucceeded(KubernetesClient client, String ns, String name, int index) {
        return edit(client, ns, name, s -> {
            s.setSucceeded((s.getSucceeded() == null ? 0 : s.getSucceeded()) + 1);
            s.setCompletedIndexes(append(s.getCompletedIndexes(), index));
        });
    }

    /** One index of an Indexed Job used up its backoffLimitPerIndex. */
    public static Job indexFailed(KubernetesClient client, String ns, String name, int index) {
        return edit(client, ns, name, s -> s.setFailedIndexes(append(s.getFailedIndexes(), index)));
    }

    /** Every index ended: Complete, or Failed (reason FailedIndexes) when any index failed. */
    public static Job indexedFinished(KubernetesClient client, String ns, String name) {
        return edit(client, ns, name, s -> {
            s.setActive(0);
            s.setCompletionTime(Instant.now().toString());
            boolean anyFailed = s.getFailedIndexes() != null && !s.getFailedIndexes().isEmpty();
            s.getConditions().add(anyFailed ? condition("Failed", "FailedIndexes", "Job has failed indexes")
                    : condition("Complete", null, null));
        });
    }

    /** Index lists as the Job controller writes them ("0,1,2"; it also folds runs into ranges, which readers accept). */
    private static String append(String list, int index) {
        return list == null || list.isEmpty() ? String.valueOf(index) : list + "," + index;
    }

    private static JobCondition condition(String type, String reason, String message) {
        String now = Instant.now().toString();
        return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withLastProbeTime(now).withLastTransitionTime(now).build();
    }

    private static Job edit(KubernetesClient client, String ns, String name, java.util.function.Consumer<JobStatus> change) {
        return client.batch().v1().jobs().inNamespace(ns).withName(name).editStatus(job -> {
            if (job.getStatus() == null) {
                job.setStatus(new JobStatus());
            }
            if (job.getStatus().getConditions() == null) {
                job.getStatus().setConditions(new ArrayList<>());
            }
            change.accept(job.getStatus());
            return job;
        });
    }
}

package dev.caig.operator.batch;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

import java.util.Optional;

/** Reads a batch Job's state as the Job controller reports it. */
final class BatchJobs {
    private BatchJobs() {
    }

    static boolean complete(Optional<Job> job) {
        return condition(job, "Complete").isPresent();
    }

    static Optional<JobCondition> failed(Optional<Job> job) {
        return condition(job, "Failed");
    }

    static int succeededIndexes(Optional<Job> job) {
        return job.map(Job::getStatus).map(s -> s.getCompletedIndexes() != null ? IndexRanges.count(s.getCompletedIndexes())
                : s.getSucceeded() == null ? 0 : s.getSucceeded()).orElse(0);
    }

    static int failedIndexes(Optional<Job> job) {
        return job.map(Job::getStatus).map(s -> IndexRanges.count(s.getFailedIndexes())).orElse(0);
    }

    static String failedIndexList(Optional<Job> job) {
        return job.map(Job::getStatus).map(s -> s.getFailedIndexes()).orElse("");
    }

    private static Optional<JobCondition> condition(Optional<Job> job, String type) {
        return job.map(Job::getStatus).filter(s -> s.getConditions() != null).flatMap(s -> s.getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst());
    }
}

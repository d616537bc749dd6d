package dev.caig.operator.batch;

import java.util.Optional;

import dev.caig.operator.crd.v1alpha1.AdImageBatchStatus;
import dev.caig.operator.crd.v1alpha1.BatchPhase;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * What the batch's status says about Jobs that are gone: a finished Job is deleted after ttlSecondsAfterFinished,
 * and must then be neither made again nor forgotten (its shard counts stay in the status).
 *
 * @param generateEnded the generation Job had completed every shard before it was removed
 * @param batchEnded    the batch had succeeded or failed and neither Job is left
 */
public record FinishedJobs(boolean generateEnded, boolean batchEnded, int shardsSucceeded, int shardsFailed) {
    /** Nothing finished has gone yet. */
    public static final FinishedJobs NONE = new FinishedJobs(false, false, 0, 0);

    static FinishedJobs of(AdImageBatchStatus before, Optional<Job> generate, Optional<Job> merge) {
        if (before == null || before.getShards() == null) {
            return NONE;
        }
        boolean allShards = generate.isEmpty() && before.getShardsSucceeded() != null
                && before.getShardsSucceeded().equals(before.getShards());
        boolean ended = (before.getPhase() == BatchPhase.Succeeded || before.getPhase() == BatchPhase.Failed)
                && generate.isEmpty() && merge.isEmpty();
        return new FinishedJobs(allShards, ended, nz(before.getShardsSucceeded()), nz(before.getShardsFailed()));
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }
}

package dev.caig.operator.batch;

import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageBatchStatus;
import dev.caig.operator.crd.v1alpha1.BatchPhase;
import dev.caig.operator.generator.ResolvedModel;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.status.Conditions;
import dev.caig.operator.validation.SpecProblem;
import dev.caig.operator.status.StatusComparison;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a batch's status fresh from what was observed: the model, its two Jobs and the shards' progress. */
public class BatchStatusBuilder {
    private final Clock clock;

    public BatchStatusBuilder(Clock clock) {
        this.clock = clock;
    }

    public AdImageBatchStatus invalid(AdImageBatch batch, String message) {
        return invalid(batch, SpecProblem.invalid(message));
    }

    /** The refusal's reason (InvalidSpec, StoreScopeDenied) on the InvalidSpec and Ready conditions. */
    public AdImageBatchStatus invalid(AdImageBatch batch, SpecProblem problem) {
        AdImageBatchStatus s = fresh(batch, BatchPhase.Invalid, problem.message());
        condition(batch, s, Conditions.INVALID_SPEC, true, problem.reason(), problem.message());
        condition(batch, s, Conditions.READY, false, problem.reason(), problem.message());
        return s;
    }

    public AdImageBatchStatus waiting(AdImageBatch batch, String message) {
        AdImageBatchStatus s = fresh(batch, BatchPhase.WaitingForModel, message);
        condition(batch, s, Conditions.WAITING_FOR_MODEL, true, "WaitingForModel", message);
        condition(batch, s, Conditions.READY, false, "WaitingForModel", message);
        return s;
    }

    /** The status while or after the Jobs run. */
    public AdImageBatchStatus observed(AdImageBatch batch, ResolvedModel model, Optional<Job> generate, Optional<Job> merge,
                                       FinishedJobs finished, BatchProgress.Totals progress) {
        String name = batch.getMetadata().getName();
        int shards = batch.getSpec().getShards();
        BatchPhase phase;
        String message;
        if (BatchJobs.complete(merge)) {
            phase = BatchPhase.Succeeded;
            message = "ads for " + progress.done() + " products (" + progress.skipped() + " skipped) in "
                    + BatchJobFactory.outputUri(batch.getSpec());
        } else if (BatchJobs.failed(merge).isPresent()) {
            phase = BatchPhase.Failed;
            message = "merge Job " + ResourceNames.batchJob(name, BatchJobFactory.MERGE) + " failed: "
                    + BatchJobs.failed(merge).get().getMessage();
        } else if (BatchJobs.failed(generate).isPresent()) {
            phase = BatchPhase.Failed;
            String indexes = BatchJobs.failedIndexList(generate);
            message = (indexes.isEmpty() ? "generation Job failed: " + BatchJobs.failed(generate).get().getMessage()
                    : "shards " + indexes + " failed past their retries")
                    + " (see the pods of Job " + ResourceNames.batchJob(name, BatchJobFactory.GENERATE) + ")";
        } else if (Boolean.TRUE.equals(batch.getSpec().getSuspend())) {
            phase = BatchPhase.Suspended;
            message = "suspended by spec.suspend; finished shards are kept";
        } else if (finished.generateEnded() || BatchJobs.complete(generate)) {
            phase = BatchPhase.Merging;
            message = "all " + shards + " shards done; merging";
        } else {
            phase = BatchPhase.Generating;
            message = BatchJobs.succeededIndexes(generate) + " of " + shards + " shards done, "
                    + progress.done() + " products" + (progress.reported() == shards ? " of " + progress.total() : "");
        }
        AdImageBatchStatus s = fresh(batch, phase, message);
        s.setModelUri(model.policyUri());
        s.setModelDigest(model.digest());
        s.setGenerateJob(ResourceNames.batchJob(name, BatchJobFactory.GENERATE));
        s.setMergeJob(merge.isPresent() ? ResourceNames.batchJob(name, BatchJobFactory.MERGE) : null);
        s.setShards(shards);
        // a generation Job removed after it finished (ttlSecondsAfterFinished) counts as the status last saw it
        s.setShardsSucceeded(finished.generateEnded() ? finished.shardsSucceeded() : BatchJobs.succeededIndexes(generate));
        s.setShardsFailed(finished.generateEnded() ? finished.shardsFailed() : BatchJobs.failedIndexes(generate));
        s.setProductsDone(progress.done());
        s.setProductsTotal(progress.reported() == shards ? progress.total() : null);
        s.setProductsSkipped(progress.skipped());
        s.setManifestUri(phase == BatchPhase.Succeeded ? BatchJobFactory.outputUri(batch.getSpec()) + "/manifest.json" : null);
        boolean running = phase == BatchPhase.Generating || phase == BatchPhase.Merging;
        condition(batch, s, Conditions.READY, phase == BatchPhase.Succeeded, phase.name(), message);
        condition(batch, s, Conditions.PROGRESSING, running, phase.name(), message);
        condition(batch, s, Conditions.FAILED, phase == BatchPhase.Failed, phase.name(), phase == BatchPhase.Failed ? message : "");
        condition(batch, s, Conditions.SUSPENDED, phase == BatchPhase.Suspended, phase.name(), "");
        return s;
    }

    /** The last status as it was, for a batch whose Jobs ended and are gone; only observedGeneration moves on. */
    public AdImageBatchStatus kept(AdImageBatch batch, AdImageBatchStatus last) {
        AdImageBatchStatus s = StatusComparison.copy(last, AdImageBatchStatus.class);
        s.setObservedGeneration(batch.getMetadata().getGeneration());
        return s;
    }

    private AdImageBatchStatus fresh(AdImageBatch batch, BatchPhase phase, String message) {
        AdImageBatchStatus s = new AdImageBatchStatus();
        s.setPhase(phase);
        s.setMessage(message);
        s.setObservedGeneration(batch.getMetadata().getGeneration());
        s.setConditions(new ArrayList<>());
        return s;
    }

    private void condition(AdImageBatch batch, AdImageBatchStatus s, String type, boolean status, String reason, String message) {
        List<Condition> previous = batch.getStatus() == null ? List.of() : batch.getStatus().getConditions();
        Conditions.set(s.getConditions(), previous, type, status, reason, message, batch.getMetadata().getGeneration(),
                clock.instant());
    }
}

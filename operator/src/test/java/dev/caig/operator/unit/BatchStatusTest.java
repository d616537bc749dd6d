package dev.caig.operator.unit;

import dev.caig.operator.batch.BatchProgress;
import dev.caig.operator.batch.BatchStatusBuilder;
import dev.caig.operator.batch.FinishedJobs;
import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageBatchStatus;
import dev.caig.operator.crd.v1alpha1.BatchPhase;
import dev.caig.operator.status.Conditions;
import dev.caig.operator.validation.BatchValidator;
import dev.caig.operator.validation.PodPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A batch's status from its Indexed Job's counts and the shards' progress. */
class BatchStatusTest {
    final BatchStatusBuilder builder = new BatchStatusBuilder(Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC));

    @Test
    void whileShardsRunTheCountsComeFromTheJobAndTheTotalOnceEveryShardReported() {
        AdImageBatch batch = BatchJobFactoryTest.batch(); // 4 shards
        Job running = new JobBuilder().withNewStatus().withCompletedIndexes("0,2").withSucceeded(2).withActive(2)
                .endStatus().build();
        AdImageBatchStatus partial = builder.observed(batch, BatchJobFactoryTest.MODEL, Optional.of(running), Optional.empty(),
                FinishedJobs.NONE, new BatchProgress.Totals(40, 60, 3, 3, Optional.empty()));
        assertEquals(BatchPhase.Generating, partial.getPhase());
        assertEquals(2, partial.getShardsSucceeded());
        assertEquals(40L, partial.getProductsDone());
        assertNull(partial.getProductsTotal(), "one shard has not reported its total yet");
        assertTrue(Conditions.isTrue(partial.getConditions(), Conditions.PROGRESSING));

        AdImageBatchStatus all = builder.observed(batch, BatchJobFactoryTest.MODEL, Optional.of(running), Optional.empty(),
                FinishedJobs.NONE, new BatchProgress.Totals(41, 80, 3, 4, Optional.empty()));
        assertEquals(80L, all.getProductsTotal());
        assertEquals("2 of 4 shards done, 41 products of 80", all.getMessage());
    }

    @Test
    void moreShardsThanTheMergeJobCanNameAreRefused() {
        AdImageBatch batch = BatchJobFactoryTest.batch();
        batch.getSpec().setShards(5000);
        batch.getSpec().setParallelism(100);
        assertEquals(Optional.of("spec.shards (5000) must be at most 2000: the merge Job names every shard; give each"
                + " shard more products instead"), new BatchValidator(PodPolicy.OPEN).validate(batch));
        batch.getSpec().setShards(2000);
        assertEquals(Optional.empty(), new BatchValidator(PodPolicy.OPEN).validate(batch));
    }

    @Test
    void shardsFailedPastTheirRetriesFailTheBatchAndAreNamed() {
        Job failed = new JobBuilder().withNewStatus().withCompletedIndexes("0").withFailedIndexes("1,3-4").withFailed(9)
                .addNewCondition().withType("Failed").withStatus("True").withReason("FailedIndexes").endCondition()
                .endStatus().build();
        AdImageBatchStatus s = builder.observed(BatchJobFactoryTest.batch(), BatchJobFactoryTest.MODEL, Optional.of(failed),
                Optional.empty(), FinishedJobs.NONE, new BatchProgress.Totals(10, 80, 0, 4, Optional.empty()));
        assertEquals(BatchPhase.Failed, s.getPhase());
        assertEquals(3, s.getShardsFailed());
        assertEquals("shards 1,3-4 failed past their retries (see the pods of Job nightly-generate)", s.getMessage());
        assertTrue(Conditions.isTrue(s.getConditions(), Conditions.FAILED));
        assertNull(s.getManifestUri());
    }
}

package dev.caig.operator.batch;

import dev.caig.operator.crd.v1alpha1.AdImageBatchSpec;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.store.ShardProgress;
import dev.caig.operator.store.StoreException;
import dev.caig.operator.store.StoreScope;

import java.util.Optional;

/**
 * Products done, total and skipped over all shards, summed from the progress.json each shard writes beside its output.
 * A shard that has not started counts zero; the total is known once every shard has written once.
 */
public class BatchProgress {

    /** The sums; {@code unreadable} is the first store error met (counts are then partial). */
    public record Totals(long done, long total, long skipped, int reported, Optional<String> unreadable) {
    }

    private final ArtifactReader reader;

    public BatchProgress(ArtifactReader reader) {
        this.reader = reader;
    }

    /** @param scope the batch's namespace and store, as its pods use them */
    public Totals read(StoreScope scope, AdImageBatchSpec spec) {
        long done = 0;
        long total = 0;
        long skipped = 0;
        int reported = 0;
        for (int i = 0; i < spec.getShards(); i++) {
            try {
                Optional<ShardProgress> shard = reader.shardProgress(scope, BatchJobFactory.shardUri(spec, String.valueOf(i)));
                if (shard.isPresent()) {
                    done += shard.get().done();
                    total += shard.get().total();
                    skipped += shard.get().skipped();
                    reported++;
                }
            } catch (StoreException e) {
                return new Totals(done, total, skipped, reported, Optional.of(e.getMessage()));
            }
        }
        return new Totals(done, total, skipped, reported, Optional.empty());
    }
}

package dev.caig.operator.store;

/** A batch shard's progress.json: products done (generated or skipped) of its total, skipped, finished. */
public record ShardProgress(long done, long total, long skipped, boolean finished) {
}

package dev.caig.runtime.generate;

import dev.caig.runtime.CaigException;

/**
 * One of {@code count} parts of a catalog: entry {@code i} (file order, from 0, bad entries included) belongs to
 * shard {@code i mod count}. Dealing by position keeps shards within one product of each other in size and needs
 * nothing but the entry's index, so entries without a valid id are dealt too. Shard indexes start at 0, as
 * Kubernetes' {@code JOB_COMPLETION_INDEX} does.
 */
public record Shard(int index, int count) {

    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new CaigException("--shard must be i/N with 0 <= i < N, got " + index + "/" + count);
        }
    }

    /** Parses {@code i/N}. */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CaigException("--shard must be i/N with 0 <= i < N (e.g. 0/4), got \"" + text + "\"");
    }

    /** True when catalog entry {@code entryIndex} is this shard's. */
    public boolean owns(int entryIndex) {
        return entryIndex % count == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}

package dev.caig.runtime.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A shard's {@code progress.json} beside its output, in the shape of the stages' progress files (stage, step, total,
 * unit) plus the skipped count: the operator sums the shards' files into the batch's status. Written about
 * a hundred times over a shard and once at the end, not once per product.
 */
final class ShardProgress {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WRITES = 100;

    private final BatchOutput out;
    private final int total;
    private final int every;
    private int done;
    private int skipped;

    ShardProgress(BatchOutput out, int total) {
        this.out = out;
        this.total = total;
        this.every = Math.max(1, total / WRITES);
        write(false);
    }

    void done(boolean wasSkipped) {
        done++;
        if (wasSkipped) {
            skipped++;
        }
        if (done % every == 0) {
            write(false);
        }
    }

    void finish(GenerationManifest.Totals totals) {
        done = totals.generated() + totals.skipped();
        skipped = totals.skipped();
        write(true);
    }

    private void write(boolean finished) {
        ObjectNode node = JSON.createObjectNode()
                .put("stage", "generate").put("step", done).put("total", total).put("unit", "products")
                .put("skipped", skipped).put("finished", finished); // no clock: a re-run writes the same bytes
        out.writeText(BatchGenerator.PROGRESS_FILE, node.toString() + "\n");
    }
}

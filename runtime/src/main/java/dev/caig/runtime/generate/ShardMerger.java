package dev.caig.runtime.generate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.serve.ModelInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Joins the finished outputs of a sharded batch into one manifest (JSON and CSV, products and skipped entries in
 * catalog order, totals) and one contact sheet of the first products. The ads stay where the shards wrote them: the
 * merged manifest points at them, relative to the merged output when a shard lies inside it. Rows are read one at a
 * time, so a merge of any size runs in bounded memory.
 */
public final class ShardMerger {

    /** The merge's settings: how many products the contact sheet shows. */
    private final int sheetProducts;

    public ShardMerger(int sheetProducts) {
        this.sheetProducts = sheetProducts;
    }

    /** Merges {@code shardOutputs} (every shard of one batch, in any order) into {@code target}. */
    public GenerationManifest.Totals merge(List<BatchOutput> shardOutputs, BatchOutput target) {
        if (shardOutputs.isEmpty()) {
            throw new CaigException("--from: name the output of every shard of the batch");
        }
        List<ShardOutput> shards = new ArrayList<>();
        for (BatchOutput output : shardOutputs) {
            shards.add(ShardOutput.read(output));
        }
        ShardOutput first = shards.get(0);
        int count = first.shard.count();
        ShardOutput[] byIndex = new ShardOutput[count];
        for (ShardOutput s : shards) {
            Optional<String> difference = s.settingsWithoutShard().equals(first.settingsWithoutShard())
                    ? Optional.empty() : Optional.of("made with other settings than " + first.folder);
            if (difference.isPresent() || s.shard.count() != count) {
                throw new CaigException(s.folder + ": not a shard of the same batch: "
                        + difference.orElse("it is shard " + s.shard + ", the first is " + first.shard));
            }
            if (byIndex[s.shard.index()] != null) {
                throw new CaigException(s.folder + ": shard " + s.shard + " is named twice (also " + byIndex[s.shard.index()].folder + ")");
            }
            byIndex[s.shard.index()] = s;
        }
        for (int i = 0; i < count; i++) {
            if (byIndex[i] == null) {
                throw new CaigException("--from: shard " + i + "/" + count + " is missing; name the output of every shard");
            }
        }
        List<Path> journals = new ArrayList<>();
        try {
            List<String> sources = new ArrayList<>();
            for (ShardOutput s : byIndex) {
                Path local = Files.createTempFile("caig-merge-", ".jsonl");
                journals.add(local);
                sources.add(s.output.resolve(RowsJournal.FILE));
                if (!s.output.copyTo(RowsJournal.FILE, local)) {
                    throw new CaigException(s.folder + ": no " + RowsJournal.FILE + "; re-run the shard with this caig to finish it");
                }
            }
            GenerationManifest.RowSource sourceRows = RowsJournal.interleaved(journals, sources);
            int entries = first.settings.path("catalogEntries").asInt();
            int[] seen = {0};
            sourceRows.forEach(row -> seen[0]++);
            if (seen[0] != entries) {
                throw new CaigException("--from: the shards hold " + seen[0] + " rows for a catalog of " + entries
                        + " entries; a shard's " + RowsJournal.FILE + " is incomplete");
            }
            GenerationManifest.RowSource rows = each -> sourceRows.forEach(row -> each.accept(
                    relocated(row, byIndex[row.index() % count].output.location(), target.location())));
            new ContactSheetWriter(sheetProducts, first.settings.path("candidates").asInt())
                    .write(sourceRows, row -> byIndex[row.index() % count].output, target);
            ModelInfo model = BatchSettings.JSON.convertValue(first.settings.get("model"), ModelInfo.class);
            return GenerationManifest.write(target, new GenerationManifest.Header(first.settings.path("catalog").asText(),
                    model, first.settings.path("seed").asLong(), first.settings.path("candidates").asInt(), count), rows);
        } catch (IOException e) {
            throw new CaigException("cannot make a local work file for the merge: " + e.getMessage(), e);
        } finally {
            for (Path p : journals) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temporary file is not worth failing the merge for
                }
            }
        }
    }

    /** The row with its image paths made relative to the merged output (or absolute when the shard lies elsewhere). */
    private static BatchRow relocated(BatchRow row, String shard, String out) {
        if (row.product() == null) {
            return row;
        }
        String prefix = shard.startsWith(out + "/") ? shard.substring(out.length() + 1) : shard;
        List<GenerationManifest.Candidate> candidates = row.product().candidates().stream()
                .map(c -> new GenerationManifest.Candidate(c.rank(), c.score(), c.description(),
                        prefix.isEmpty() ? c.image() : prefix + "/" + c.image()))
                .toList();
        return new BatchRow(row.index(), new GenerationManifest.Product(row.product().id(), row.product().title(),
                candidates), null);
    }

    /** A finished shard's output and its settings. */
    private record ShardOutput(String folder, BatchOutput output, JsonNode settings, Shard shard) {

        static ShardOutput read(BatchOutput output) {
            String folder = output.location();
            String json = output.readText(BatchSettings.FILE).orElseThrow(() -> new CaigException(folder
                    + ": not the output of caig generate (no " + BatchSettings.FILE + ")"));
            if (output.read(GenerationManifest.JSON_FILE).isEmpty()) {
                throw new CaigException(folder + ": the shard has not finished (no " + GenerationManifest.JSON_FILE
                        + "); run it again to resume it, then merge");
            }
            JsonNode settings;
            try {
                settings = BatchSettings.JSON.readTree(json);
            } catch (IOException e) {
                throw new CaigException(folder + "/" + BatchSettings.FILE + ": not readable: " + e.getMessage(), e);
            }
            return new ShardOutput(folder, output, settings, Shard.parse(settings.path("shard").asText()));
        }

        JsonNode settingsWithoutShard() {
            com.fasterxml.jackson.databind.node.ObjectNode copy = settings.deepCopy();
            copy.remove("shard");
            copy.remove("catalog");
            return copy;
        }
    }
}

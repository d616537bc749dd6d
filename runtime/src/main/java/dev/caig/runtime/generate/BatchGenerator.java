package dev.caig.runtime.generate;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.CatalogReader;
import dev.caig.runtime.data.CheckedEntry;
import dev.caig.runtime.data.ValidationException;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.serve.AdGenerator;
import dev.caig.runtime.serve.AdImages;
import dev.caig.runtime.serve.LoadedModels;
import dev.caig.runtime.serve.RankedAd;
import dev.caig.runtime.store.Sha256;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Batch generation over a catalog (or one shard of it), the serving path run offline: for every valid product, N
 * candidates sampled by the policy, rendered, scored and ranked by the reward model ({@link AdGenerator}, the
 * server's own code), written as PNGs ({@code ads/<product>/rank-<r>.png}) with a manifest (JSON and CSV) and a
 * contact sheet. Entries that fail validation are listed with their reasons and skipped; the rest are still
 * generated. Every product is sampled with the batch seed alone, so a product's ads do not depend on which shard
 * made them or on what came before it. The catalog is streamed: only the product being rendered is in memory.
 * Each product's row ({@link BatchRow}) is written after its images, so a re-run of a cut-off shard keeps what it
 * finished and does the rest.
 */
public final class BatchGenerator {

    public static final String ADS_DIR = "ads";
    public static final String CONTACT_SHEET = "contact-sheet.png";
    public static final String PROGRESS_FILE = "progress.json";

    /**
     * @param candidates    candidates per product
     * @param seed          seed of every product's sampling
     * @param renderSize    side of the ads in pixels
     * @param sheetProducts products shown on the contact sheet (the first ones; a sheet of thousands helps no one)
     * @param shard         the part of the catalog to generate
     */
    public record Options(int candidates, long seed, int renderSize, int sheetProducts, Shard shard) {
        public Options {
            if (candidates < 1 || candidates > MAX_CANDIDATES) {
                throw new CaigException("--candidates must be between 1 and " + MAX_CANDIDATES + ", got " + candidates);
            }
        }
    }

    /** What a run did: the totals of its manifest and how many products it found already done. */
    public record Result(GenerationManifest.Totals totals, int resumed) {
    }

    public static final int MAX_CANDIDATES = dev.caig.runtime.serve.ServeOptions.CANDIDATES_CEILING;

    private final LoadedModels models;
    private final AdRenderer renderer;
    private final Options options;
    private final CatalogReader reader;

    public BatchGenerator(LoadedModels models, AdRenderer renderer, Options options, CatalogReader reader) {
        this.models = models;
        this.renderer = renderer;
        this.options = options;
        this.reader = reader;
    }

    /**
     * Generates this run's shard of the catalog into {@code out}: new or empty, an unfinished run of the same
     * settings (resumed), or an earlier run's finished output (kept when its settings are the same, else replaced).
     * A catalog that cannot be read at all (missing, not JSON, not a list) fails with its problems before anything
     * is written.
     *
     * @param catalogSource what the user named the catalog, recorded in the manifest
     * @param log           where skipped products and the end result are told
     */
    public Result run(Path catalogFile, String catalogSource, BatchOutput out, PrintWriter log) {
        CatalogReader.Scan scan = reader.scan(catalogFile, catalogSource);
        if (!scan.report().ok()) {
            throw new ValidationException(List.of(scan.report()));
        }
        Shard shard = options.shard();
        BatchSettings settings = new BatchSettings(catalogSource, scan.sha256(), scan.entries(), models.info(),
                options.seed(), options.candidates(), options.renderSize(), shard.toString());
        prepare(out, settings);
        AdGenerator generator = new AdGenerator(models, renderer, options.renderSize(), Runnable::run);
        int total = BatchSettings.ownedBy(shard, scan.entries());
        ShardProgress shardProgress = new ShardProgress(out, total);
        GenerationManifest.Totals totals;
        int[] resumed = {0};
        try (RowsJournal journal = RowsJournal.create();
             Progress progress = Progress.start("generate", total, "products")) {
            reader.stream(scan, shard::owns, true, entry -> {
                String rowFile = BatchRow.file(entry.index());
                var earlier = out.read(rowFile);
                if (earlier.isPresent()) {
                    BatchRow kept = BatchRow.parse(earlier.get(), out.resolve(rowFile));
                    journal.append(kept);
                    resumed[0]++;
                    shardProgress.done(kept.skipped() != null);
                    progress.advance(1, Map.of("product", String.valueOf(entry.id()), "resumed", true));
                    return;
                }
                BatchRow row = entry.ok() ? generate(generator, entry, out) : null;
                if (row == null || row.skipped() != null) {
                    SkippedProduct s = row == null ? SkippedProduct.of(entry) : row.skipped();
                    row = new BatchRow(entry.index(), null, s);
                    log.println("generate: skipping " + s.describe());
                    log.flush();
                }
                out.write(rowFile, row.toJson());
                journal.append(row);
                shardProgress.done(row.skipped() != null);
                progress.advance(1, row.product() != null
                        ? Map.of("product", entry.id(), "bestScore", row.product().candidates().get(0).score())
                        : Map.of("product", String.valueOf(entry.id()), "skipped", true));
            });
            if (resumed[0] > 0) {
                log.println("generate: resumed " + out.location() + ": kept " + resumed[0] + " products done earlier");
                log.flush();
            }
            Path rowsFile = journal.finish();
            GenerationManifest.RowSource rows = RowsJournal.read(rowsFile, out.resolve(RowsJournal.FILE));
            new ContactSheetWriter(options.sheetProducts(), options.candidates()).write(rows, row -> out, out);
            out.put(RowsJournal.FILE, rowsFile); // what the merge reads
            totals = GenerationManifest.write(out, new GenerationManifest.Header(catalogSource,
                    models.info(), options.seed(), options.candidates(), 1), rows);
        }
        shardProgress.finish(totals);
        return new Result(totals, resumed[0]);
    }

    /** The product's ranked ads written to the output, or its row as skipped when the generator refused it. */
    private BatchRow generate(AdGenerator generator, CheckedEntry entry, BatchOutput out) {
        List<RankedAd> ads;
        try {
            ads = generator.generate(entry.photo(), entry.item().title(), options.candidates(), options.seed());
        } catch (CaigException e) {
            return new BatchRow(entry.index(), null, new SkippedProduct(entry.id(), entry.where(), List.of(e.getMessage())));
        }
        String dir = ADS_DIR + "/" + folderName(entry.id());
        List<GenerationManifest.Candidate> candidates = new ArrayList<>();
        for (RankedAd ad : ads) {
            String image = dir + "/rank-" + ad.rank() + ".png";
            out.write(image, AdImages.png(ad.image()));
            candidates.add(new GenerationManifest.Candidate(ad.rank(), ad.score(), ad.description(), image));
        }
        return new BatchRow(entry.index(), new GenerationManifest.Product(entry.id(), entry.item().title(),
                List.copyOf(candidates)), null);
    }

    /**
     * A product's folder name from its id alone (so every shard names it alike): the id with unsafe characters
     * replaced, plus a short hash of the id when anything was replaced, so that ids differing only there stay apart.
     */
    static String folderName(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        if (safe.equals(id)) {
            return safe;
        }
        return safe + "-" + Sha256.hex(Sha256.newDigest().digest(id.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
    }

    /**
     * New or empty output: used as it is. An earlier run's output ({@code batch.json}): resumed, or kept if finished,
     * when made with the same settings; replaced when finished with other settings; refused when unfinished with
     * other settings (that would mix two batches). Anything else is refused rather than mixed into.
     */
    private static void prepare(BatchOutput out, BatchSettings settings) {
        if (out.isEmpty()) {
            out.writeText(BatchSettings.FILE, settings.toJson());
            return;
        }
        var earlier = out.readText(BatchSettings.FILE);
        boolean finished = out.read(GenerationManifest.JSON_FILE).isPresent();
        if (earlier.isEmpty()) {
            if (finished) { // the output of a caig generate that predates batch.json
                out.clear();
                out.writeText(BatchSettings.FILE, settings.toJson());
                return;
            }
            throw new CaigException(out.location() + ": not empty and not the output of an earlier caig generate;"
                    + " choose a new or empty --out folder");
        }
        var difference = settings.differenceFrom(earlier.get());
        if (difference.isEmpty()) {
            return; // resume (or confirm a finished run: every row is kept)
        }
        if (!finished) {
            throw new CaigException(out.location() + ": holds an unfinished run with other settings (" + difference.get()
                    + "); resume it with the same settings, or choose a new --out");
        }
        out.clear();
        out.writeText(BatchSettings.FILE, settings.toJson());
    }
}

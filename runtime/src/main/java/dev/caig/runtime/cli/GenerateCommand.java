package dev.caig.runtime.cli;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.generate.BatchGenerator;
import dev.caig.runtime.generate.CatalogGeneration;
import dev.caig.runtime.generate.GenerationManifest;
import dev.caig.runtime.generate.Shard;
import dev.caig.runtime.render.ProceduralBackgroundRenderer;
import dev.caig.runtime.serve.ServeOptions;
import dev.caig.runtime.store.ArtifactStores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code caig generate}: ranked ad candidates for every product of a catalog, offline. */
@Command(name = "generate", mixinStandardHelpOptions = true, subcommands = GenerateMergeCommand.class,
        description = {"Batch generation: ranked ad candidates for every product of a catalog.",
                "For each product, N candidates sampled by the policy, rendered and ranked by the reward model.",
                "Writes ads/<product>/rank-<r>.png, manifest.json and manifest.csv (product id, rank, score,",
                "description, image) and contact-sheet.png. Products that fail validation are listed with the",
                "reason and skipped; exit code 1 only when none could be generated. The same seed writes the same bytes.",
                "With --shard i/N only entries i, i+N, i+2N, ... are generated, each exactly as the whole run makes it;",
                "a re-run into the same --out resumes, keeping the products already written. 'caig generate merge' joins",
                "the shards' outputs."})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--policy", paramLabel = "URI", description = "The prompt model (e.g. the pcpo stage's artifact).")
    String policy;

    @Option(names = "--reward", paramLabel = "URI", description = "The reward model.")
    String reward;

    @Option(names = "--catalog", paramLabel = "URI",
            description = "Catalog (tiny.json format): a file or folder, or s3://bucket/key.")
    String catalog;

    @Option(names = "--candidates", defaultValue = "4", paramLabel = "N", description = "Candidates per product (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Sampling seed of every product (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", defaultValue = "" + ServeOptions.DEFAULT_RENDER_SIZE, paramLabel = "PX",
            description = "Side of the ads in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--sheet-products", defaultValue = "24", paramLabel = "N",
            description = "Products on the contact sheet, the first ones (default: ${DEFAULT-VALUE}).")
    int sheetProducts;

    @Option(names = "--shard", defaultValue = "0/1", paramLabel = "i/N",
            description = "Generate only shard i of N (from 0; entry k is shard k mod N). Default: ${DEFAULT-VALUE}, the whole catalog.")
    String shard;

    @Option(names = "--out", paramLabel = "URI",
            description = "Output folder or s3:// prefix (new, empty, or an earlier generate's output: resumed when unfinished).")
    String out;

    @CommandLine.Mixin
    RendererOption renderer;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        if (size < ProceduralBackgroundRenderer.MIN_SIZE || size > ProceduralBackgroundRenderer.MAX_SIZE) {
            throw new CaigException("--size must be between " + ProceduralBackgroundRenderer.MIN_SIZE + " and "
                    + ProceduralBackgroundRenderer.MAX_SIZE + ", got " + size);
        }
        requireOption(policy, "--policy");
        requireOption(reward, "--reward");
        requireOption(catalog, "--catalog");
        requireOption(out, "--out");
        BatchGenerator.Options options = new BatchGenerator.Options(candidates, seed, size, Math.max(0, sheetProducts),
                Shard.parse(shard));
        PrintWriter err = spec.commandLine().getErr();
        BatchGenerator.Result result = StageRunner.withStore((store, work) ->
                new CatalogGeneration(policy, reward, catalog, options, out, renderer::apply).run(store, ArtifactStores::open, work, err));
        GenerationManifest.Totals totals = result.totals();
        if (totals.generated() == 0 && totals.skipped() > 0) {
            throw new CaigException("no product could be generated: all " + totals.skipped()
                    + " catalog entries were skipped (see " + out + "/" + GenerationManifest.JSON_FILE + ")");
        }
        spec.commandLine().getOut().printf("generated %d products x %d candidates to %s (%s, %s, %s); skipped %d%s%n",
                totals.generated(), candidates, out, GenerationManifest.JSON_FILE, GenerationManifest.CSV_FILE,
                BatchGenerator.CONTACT_SHEET, totals.skipped(),
                result.resumed() > 0 ? "; " + result.resumed() + " of them kept from the earlier run" : "");
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Options required for generating, not for 'generate merge' (picocli would demand them there too). */
    private void requireOption(Object value, String name) {
        if (value == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '" + name + "'");
        }
    }
}

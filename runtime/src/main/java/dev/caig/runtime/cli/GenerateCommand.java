package dev.caig.runtime.cli;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.Catalog;
import dev.caig.runtime.data.CatalogReader;
import dev.caig.runtime.data.Validated;
import dev.caig.runtime.generate.BatchGenerator;
import dev.caig.runtime.generate.GenerationManifest;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.render.ProceduralBackgroundRenderer;
import dev.caig.runtime.serve.ArtifactModelLoader;
import dev.caig.runtime.serve.LoadedModels;
import dev.caig.runtime.serve.ServeOptions;
import dev.caig.runtime.stage.UserDataFiles;
import dev.caig.runtime.store.ArtifactStores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code caig generate}: ranked ad candidates for every product of a catalog, offline. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Batch generation: ranked ad candidates for every product of a catalog.",
                "For each product, N candidates sampled by the policy, rendered and ranked by the reward model.",
                "Writes ads/<product>/rank-<r>.png, manifest.json and manifest.csv (product id, rank, score,",
                "description, image) and contact-sheet.png. Products that fail validation are listed with the",
                "reason and skipped; exit code 1 only when none could be generated. The same seed writes the same bytes."})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--policy", required = true, paramLabel = "URI", description = "The prompt model (e.g. the pcpo stage's artifact).")
    String policy;

    @Option(names = "--reward", required = true, paramLabel = "URI", description = "The reward model.")
    String reward;

    @Option(names = "--catalog", required = true, paramLabel = "URI",
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

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new, empty, or an earlier generate's output).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        if (size < ProceduralBackgroundRenderer.MIN_SIZE || size > ProceduralBackgroundRenderer.MAX_SIZE) {
            throw new CaigException("--size must be between " + ProceduralBackgroundRenderer.MIN_SIZE + " and "
                    + ProceduralBackgroundRenderer.MAX_SIZE + ", got " + size);
        }
        BatchGenerator.Options options = new BatchGenerator.Options(candidates, seed, size, Math.max(0, sheetProducts));
        GenerationManifest manifest;
        try (LoadedModels models = new ArtifactModelLoader(ArtifactStores::open, policy, reward, size, 1).load()) {
            manifest = StageRunner.withStore((store, work) -> {
                UserDataFiles.Local file = new UserDataFiles(store, work).catalog(catalog, "--catalog");
                Validated<Catalog> products = new CatalogReader().validate(file.file(), file.source());
                return new BatchGenerator(models, new AdRenderer(), options).run(products, file.source(), out, spec.commandLine().getErr());
            });
        }
        if (manifest.generated() == 0) {
            throw new CaigException("no product could be generated: all " + manifest.skipped()
                    + " catalog entries were skipped (see " + out.resolve(GenerationManifest.JSON_FILE) + ")");
        }
        spec.commandLine().getOut().printf("generated %d products x %d candidates to %s (%s, %s, %s); skipped %d%n",
                manifest.generated(), candidates, out, GenerationManifest.JSON_FILE, GenerationManifest.CSV_FILE,
                BatchGenerator.CONTACT_SHEET, manifest.skipped());
        spec.commandLine().getOut().flush();
        return 0;
    }
}

package dev.caig.runtime.generate;

import dev.caig.runtime.data.CatalogReader;
import dev.caig.runtime.data.ProductImageLoader;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.serve.ArtifactModelLoader;
import dev.caig.runtime.serve.LoadedModels;
import dev.caig.runtime.stage.UserDataFiles;
import dev.caig.runtime.store.ArtifactStore;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One {@code caig generate} run from URIs: loads the models, fetches the catalog, generates (a shard of) it into a
 * folder or store prefix. What the command line and a batch pod run, given the store to use.
 *
 * @param policy  the prompt model's artifact URI
 * @param reward  the reward model's artifact URI
 * @param catalog the catalog's URI (local file or folder, or s3://)
 * @param out     the output folder or s3:// prefix
 * @param renderChoice the renderer to use, from the one the policy was trained with (e.g. {@code --renderer})
 */
public record CatalogGeneration(String policy, String reward, String catalog, BatchGenerator.Options options, String out,
                                UnaryOperator<PipelineConfig.Render> renderChoice) {

    /** Renders with the renderer recorded in the policy's manifest. */
    public CatalogGeneration(String policy, String reward, String catalog, BatchGenerator.Options options, String out) {
        this(policy, reward, catalog, options, out, UnaryOperator.identity());
    }

    /**
     * @param store       where the catalog is read and the output written
     * @param modelStores opens a store for loading the models (the loader closes it)
     * @param work        a local work folder
     */
    public BatchGenerator.Result run(ArtifactStore store, Supplier<ArtifactStore> modelStores, Path work, PrintWriter err) {
        try (LoadedModels models = new ArtifactModelLoader(modelStores, policy, reward, options.renderSize(), 1,
                renderChoice).load()) {
            UserDataFiles.Local file = new UserDataFiles(store, work).catalog(catalog, "--catalog", options.shard()::owns);
            CatalogReader reader = new CatalogReader(new ProductImageLoader(), line -> {
                err.println("generate: " + line);
                err.flush();
            });
            return new BatchGenerator(models, models.renderer(), options, reader)
                    .run(file.file(), file.source(), StoreOutput.open(store, out, work.resolve("out")), err);
        }
    }
}

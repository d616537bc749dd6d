package dev.caig.runtime.cli;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.Catalog;
import dev.caig.runtime.data.CatalogReader;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.Renderers;
import dev.caig.runtime.render.AdImageComposer;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactStores;
import dev.caig.runtime.render.ContactSheet;
import dev.caig.runtime.render.ProceduralBackgroundRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code caig render}: one ad image per catalog product for a background description, plus a contact sheet. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render one ad image per product of a catalog: the product, laid out as in the paper, on a "
                + "background made from a description. Also writes contact-sheet.png.")
public final class RenderCommand implements Callable<Integer> {

    @Option(names = "--catalog", required = true, paramLabel = "FILE",
            description = "Catalog in the paper's tiny.json format (images relative to it).")
    Path catalog;

    @Option(names = "--description", required = true, paramLabel = "TEXT",
            description = "Background description, e.g. \"marble surface, bathroom shelf, soft daylight\".")
    String description;

    @Option(names = "--seed", defaultValue = "42", description = "Renderer seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", defaultValue = "256", paramLabel = "PX",
            description = "Side of the square images in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--no-shadow", description = "Leave out the soft contact shadow under the product.")
    boolean noShadow;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the images.")
    Path out;

    @picocli.CommandLine.Mixin
    RendererOption renderer;

    @Override
    public Integer call() {
        if (size < ProceduralBackgroundRenderer.MIN_SIZE || size > ProceduralBackgroundRenderer.MAX_SIZE) {
            throw new CaigException("--size must be between " + ProceduralBackgroundRenderer.MIN_SIZE + " and "
                    + ProceduralBackgroundRenderer.MAX_SIZE + ", got " + size);
        }
        System.setProperty("java.awt.headless", "true");
        Catalog products = new CatalogReader().read(catalog);
        PipelineConfig.Render render = renderer.apply(new PipelineConfig.Render(size, seed));
        if (render.diffusion()) {
            try (ArtifactStore store = ArtifactStores.open(); AdRenderer ads = Renderers.open(render, store)) {
                return renderAll(products, ads);
            }
        }
        try (AdRenderer ads = new AdRenderer(new ProceduralBackgroundRenderer(), new AdImageComposer(!noShadow))) {
            return renderAll(products, ads);
        }
    }

    private int renderAll(Catalog products, AdRenderer ads) {
        List<ContactSheet.Cell> cells = new ArrayList<>();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CaigException(out + ": cannot create the output folder: " + e.getMessage(), e);
        }
        try (Progress progress = Progress.start("render", products.size(), "images")) {
            for (Catalog.Item p : products.items()) {
                BufferedImage ad = ads.render(products.loadImage(p), description, seed, size);
                write(ad, out.resolve(safeName(p.id()) + ".png"));
                cells.add(new ContactSheet.Cell(ad, p.id() + ": " + p.title()));
                progress.advance(1);
            }
        }
        write(new ContactSheet(Math.min(size, 256), Math.min(4, cells.size())).render(cells),
                out.resolve("contact-sheet.png"));
        System.out.println("wrote " + products.size() + " ad images and contact-sheet.png to " + out);
        return 0;
    }

    /** Writes next to the target and renames, so a reader never sees half a PNG. */
    static void write(BufferedImage image, Path file) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new CaigException(file + ": no PNG writer available");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CaigException(file + ": cannot write image: " + e.getMessage(), e);
        }
    }

    private static String safeName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

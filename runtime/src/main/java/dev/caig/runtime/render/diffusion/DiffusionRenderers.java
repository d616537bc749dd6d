package dev.caig.runtime.render.diffusion;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.TempFolders;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opening a diffusion renderer: from a verified artifact (kind {@value #KIND}; the store's fetch checks every
 * file's sha256 against the manifest) or from an exported folder, and checking an exported folder before it is
 * published ({@code caig renderer import}).
 */
public final class DiffusionRenderers {
    public static final String KIND = "diffusion-renderer";

    private DiffusionRenderers() {
    }

    /** The renderer published at {@code uri}, on the engine's default device (a GPU when there is one). */
    public static DiffusionSceneRenderer open(ArtifactStore store, String uri, DiffusionSettings settings) {
        ArtifactUri at = ArtifactUri.parse(uri);
        Path dir = tempDir();
        try {
            ArtifactManifest manifest = store.fetch(at, dir);
            if (!KIND.equals(manifest.kind())) {
                throw new CaigException("renderer " + uri + ": is a " + manifest.kind() + " artifact, expected a " + KIND
                        + " (publish an exported folder with: caig renderer import --from DIR --to URI)");
            }
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("model", at.toString());
            source.put("digest", manifest.digest());
            return openFolder(dir, settings, source);
        } finally {
            TempFolders.deleteQuietly(dir); // TorchScript and the tokenizer are in memory once loaded
        }
    }

    /** An exported folder (renderer.json, modules, tokenizer.json), not yet an artifact. */
    public static DiffusionSceneRenderer openFolder(Path dir, DiffusionSettings settings, Map<String, Object> source) {
        return openFolder(dir, settings, source, defaultDevice());
    }

    /** The same on a chosen device (the GPU check compares CUDA with CPU). */
    public static DiffusionSceneRenderer openFolder(Path dir, DiffusionSettings settings, Map<String, Object> source,
                                                    Device device) {
        String problem = settings.problem();
        if (problem != null) {
            throw new CaigException(problem);
        }
        RendererSpec spec = RendererSpec.read(dir);
        Path tokenizer = dir.resolve(spec.tokenizer());
        if (!Files.isRegularFile(tokenizer)) {
            throw new CaigException(tokenizer + ": missing (renderer.json names it as the tokenizer)");
        }
        DiffusionModules modules = new DiffusionModules(dir, spec, device, settings.precision());
        try {
            return new DiffusionSceneRenderer(spec, modules, new PromptTokens(tokenizer, spec), settings, source);
        } catch (RuntimeException e) {
            modules.close();
            throw e;
        }
    }

    /**
     * Checks an exported folder: renderer.json is valid, the tokenizer reads, every module loads and answers a
     * one-image call at the smallest size with the shapes renderer.json promises. Returns the spec.
     */
    public static RendererSpec check(Path dir) {
        RendererSpec spec = RendererSpec.read(dir);
        Path tokenizerFile = dir.resolve(spec.tokenizer());
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new CaigException(tokenizerFile + ": missing (renderer.json names it as the tokenizer)");
        }
        int side = 8 * spec.latentDownsample();
        int ls = side / spec.latentDownsample();
        int c = spec.latentChannels();
        try (PromptTokens tokens = new PromptTokens(tokenizerFile, spec);
             DiffusionModules modules = new DiffusionModules(dir, spec, Device.cpu(), "fp32");
             NDManager m = modules.newManager()) {
            NDArray ids = m.create(tokens.ids("a wooden table"), new Shape(1, spec.textLength()));
            NDArray hidden = expect(dir, spec, "textEncoder", modules.encodeText(ids), new Shape(1, spec.textLength(), spec.textHidden()));
            NDArray image = m.zeros(new Shape(1, 3, side, side));
            NDArray latents = expect(dir, spec, "vaeEncoder", modules.encodeImage(image), new Shape(1, c, ls, ls));
            expect(dir, spec, "denoiser", modules.denoise(latents, m.create(500L), hidden, image, m.create(1f)),
                    new Shape(1, c, ls, ls));
            expect(dir, spec, "vaeDecoder", modules.decode(latents), new Shape(1, 3, side, side));
        } catch (CaigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CaigException(dir + ": a module fails on the contract's inputs: " + firstLine(e.getMessage()), e);
        }
        return spec;
    }

    private static NDArray expect(Path dir, RendererSpec spec, String role, NDArray out, Shape expected) {
        if (!out.getShape().equals(expected)) {
            throw new CaigException(dir.resolve(spec.modules().get(role)) + ": returns shape " + out.getShape()
                    + ", renderer.json promises " + expected);
        }
        return out;
    }

    private static Device defaultDevice() {
        return Engine.getEngine("PyTorch").defaultDevice();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("caig-renderer");
        } catch (IOException e) {
            throw new CaigException("cannot create a temporary folder for the renderer: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}

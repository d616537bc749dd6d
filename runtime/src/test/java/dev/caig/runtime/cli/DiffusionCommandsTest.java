package dev.caig.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caig.runtime.data.ProductImageLoader;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.RewardModelConfig;
import dev.caig.runtime.model.TinyModels;
import dev.caig.runtime.render.LaidOutProduct;
import dev.caig.runtime.render.ProductLayout;
import dev.caig.runtime.render.diffusion.DiffusionRenderers;
import dev.caig.runtime.render.diffusion.StandIn;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.LocalArtifactStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code caig renderer import}, {@code caig render --renderer} and {@code caig generate --renderer} on the stand-in. */
class DiffusionCommandsTest {
    @TempDir
    static Path tmp;
    static Path renderer;

    @BeforeAll
    static void importStandIn() {
        renderer = tmp.resolve("renderer");
        CliRun run = CliRun.of("renderer", "import", "--from", StandIn.folder().toString(), "--to", renderer.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("published caig-standin-sd15-canny"), run.out());
    }

    @Test
    void importPublishesAVerifiedDiffusionRendererArtifact() {
        try (ArtifactStore store = new LocalArtifactStore()) {
            ArtifactManifest manifest = store.requireManifest(ArtifactUri.local(renderer));
            assertEquals(DiffusionRenderers.KIND, manifest.kind());
            assertTrue(manifest.files().containsKey("denoiser.pt") && manifest.files().containsKey("tokenizer.json"));
        }
    }

    @Test
    void importRejectsBrokenFoldersWithOneLineNamingTheFault() throws IOException {
        Path noTokenizer = copyStandIn("no-tokenizer");
        Files.delete(noTokenizer.resolve("tokenizer.json"));
        assertUserError(noTokenizer, "tokenizer.json: missing");

        Path badField = copyStandIn("bad-field");
        Path json = badField.resolve("renderer.json");
        Files.writeString(json, Files.readString(json).replace("\"latentChannels\": 4", "\"latentChannels\": 3"));
        assertUserError(badField, "vae_encoder.pt: returns shape (1, 4, 8, 8), renderer.json promises (1, 3, 8, 8)");

        Path noModule = copyStandIn("no-module");
        Files.delete(noModule.resolve("vae_decoder.pt"));
        assertUserError(noModule, "vae_decoder.pt: missing (renderer.json modules.vaeDecoder)");

        Path notTorchScript = copyStandIn("not-torchscript");
        Files.writeString(notTorchScript.resolve("denoiser.pt"), "not a module");
        assertUserError(notTorchScript, "denoiser.pt: cannot load the denoiser TorchScript module");
    }

    @Test
    void aTamperedRendererArtifactIsRefusedOnLoad() throws IOException {
        Path copy = tmp.resolve("tampered");
        CliRun imported = CliRun.of("renderer", "import", "--from", StandIn.folder().toString(), "--to", copy.toString());
        assertEquals(0, imported.exit(), imported.err());
        byte[] bytes = Files.readAllBytes(copy.resolve("vae_decoder.pt"));
        bytes[bytes.length / 2] ^= 1;
        Files.write(copy.resolve("vae_decoder.pt"), bytes);
        CliRun run = CliRun.of("render", "--catalog", RenderCommandTest.tinyCatalog().toString(), "--description", "beach",
                "--size", "32", "--renderer", copy.toString(), "--out", tmp.resolve("tampered-out").toString());
        assertEquals(CaigCommand.EXIT_USER_ERROR, run.exit(), run.err());
        assertTrue(run.err().contains("vae_decoder.pt") && run.err().lines().count() == 1, run.err());
    }

    @Test
    void renderWithTheDiffusionRendererKeepsEveryProductPixel() throws IOException {
        Path out = tmp.resolve("render-out");
        CliRun run = CliRun.of("render", "--catalog", RenderCommandTest.tinyCatalog().toString(), "--description",
                "marble surface, soft daylight", "--size", "48", "--renderer", renderer.toString(), "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        Path catalogDir = RenderCommandTest.tinyCatalog().getParent();
        for (int id : new int[]{1, 5}) {
            BufferedImage ad = ImageIO.read(out.resolve(id + ".png").toFile());
            LaidOutProduct laid = ProductLayout.layout(new ProductImageLoader().load(catalogDir.resolve("images/" + id + ".png")), 48);
            int[] alpha = laid.alpha();
            for (int i = 0; i < alpha.length; i++) {
                if (alpha[i] >= ProductLayout.PRODUCT_ALPHA) {
                    assertEquals(laid.image().getRGB(i % 48, i / 48) & 0xFFFFFF, ad.getRGB(i % 48, i / 48) & 0xFFFFFF);
                }
            }
        }
        CliRun badSize = CliRun.of("render", "--catalog", RenderCommandTest.tinyCatalog().toString(), "--description",
                "beach", "--size", "50", "--renderer", renderer.toString(), "--out", out.toString());
        assertEquals(CaigCommand.EXIT_USER_ERROR, badSize.exit());
        assertTrue(badSize.err().contains("not a multiple of 8"), badSize.err());
    }

    @Test
    void generateWithTheDiffusionRendererRecordsItInTheManifest() throws IOException {
        Path models = tmp.resolve("models");
        String policy, reward;
        try (ArtifactStore store = new LocalArtifactStore();
             PromptModel p = TinyModels.promptModel(11);
             RewardModel r = RewardModel.create(new RewardModelConfig(32, 4, 8), 12)) {
            p.save(models.resolve("policy"));
            r.save(models.resolve("reward"));
            store.publish(models.resolve("policy"), ArtifactUri.local(models.resolve("policy")), "prompt-model", "test", Map.of(), Map.of());
            store.publish(models.resolve("reward"), ArtifactUri.local(models.resolve("reward")), "reward-model", "test", Map.of(), Map.of());
            policy = models.resolve("policy").toString();
            reward = models.resolve("reward").toString();
        }
        Path out = tmp.resolve("generate-out");
        CliRun run = CliRun.of("generate", "--policy", policy, "--reward", reward, "--catalog",
                RenderCommandTest.tinyCatalog().toString(), "--candidates", "2", "--size", "48",
                "--renderer", renderer.toString(), "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode manifest = GenerateCommandTest.JSON.readTree(out.resolve("manifest.json").toFile());
        JsonNode r = manifest.findPath("renderer");
        assertEquals("diffusion", r.path("kind").asText(), manifest.toString());
        assertEquals(renderer.toAbsolutePath().toString(), r.path("settings").path("model").asText().replace("file:", ""));
        assertEquals(8, manifest.path("products").size());
    }

    private static Path copyStandIn(String name) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        try (var files = Files.list(StandIn.folder())) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private static void assertUserError(Path folder, String expected) {
        CliRun run = CliRun.of("renderer", "import", "--from", folder.toString(), "--to", tmp.resolve("x-" + folder.getFileName()).toString());
        assertEquals(CaigCommand.EXIT_USER_ERROR, run.exit(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(!Files.exists(tmp.resolve("x-" + folder.getFileName()).resolve("manifest.json")), "nothing published");
    }
}

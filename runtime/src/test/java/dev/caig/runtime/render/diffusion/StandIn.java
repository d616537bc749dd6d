package dev.caig.runtime.render.diffusion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The committed stand-in renderer (tools/diffusion/make_standin.py): tiny random-weight modules with the real
 * contract. What differs from real weights: the pictures are noise-like, the tokenizer is a WordLevel vocabulary
 * (unknown words map to one id) rather than CLIP's BPE.
 */
public final class StandIn {
    private StandIn() {
    }

    public static Path folder() {
        return resource("diffusion-standin");
    }

    public static JsonNode reference() {
        try {
            return new ObjectMapper().readTree(resource("diffusion-standin-reference.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Small and fast: 4 steps; tests pick sizes of 32-64 px. */
    public static DiffusionSettings settings(String sampler, double guidance, int batchSize) {
        return new DiffusionSettings(4, guidance, sampler, DiffusionSettings.DDIM.equals(sampler) ? 0.5 : 0,
                DiffusionSettings.DEFAULT_NEGATIVE_PROMPT, 1.0, "fp32", batchSize);
    }

    public static DiffusionSceneRenderer open(DiffusionSettings settings) {
        return DiffusionRenderers.openFolder(folder(), settings, Map.of("model", "test:diffusion-standin"));
    }

    /** A product photo: an opaque orange box with a blue stripe on a transparent 100 x 80 canvas. */
    public static BufferedImage product() {
        BufferedImage img = new BufferedImage(100, 80, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(230, 120, 30));
        g.fillRect(20, 10, 60, 60);
        g.setColor(new Color(20, 40, 200));
        g.fillRect(20, 35, 60, 8);
        g.dispose();
        return img;
    }

    private static Path resource(String name) {
        try {
            return Path.of(StandIn.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

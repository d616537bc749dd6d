package dev.caig.runtime.serve;

import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.RewardModelConfig;
import dev.caig.runtime.model.TinyModels;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;
import dev.caig.runtime.store.LocalArtifactStore;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Tiny models published as local-folder artifacts and product photos, for the generation and service tests. */
public final class ServeFixtures {
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

    /** The URIs and digests of a published policy and reward model. */
    public record Artifacts(String policyUri, String rewardUri, ArtifactManifest policy, ArtifactManifest reward) {
    }

    /** A reward model that reads product titles, as the pipeline's does: ranking must pass the title. */
    static final RewardModelConfig TITLED_REWARD = new RewardModelConfig(32, 4, 8,
            java.util.List.of("rose", "hand", "cream", "tea", "cup", "lamp"), 4, RewardModelConfig.REGIONS);

    private ServeFixtures() {
    }

    /**
     * Creates tiny untrained models and publishes them as local-folder artifacts under {@code dir}; the policy's
     * manifest says it samples under the description grammar at top-p 0.95, as a pipeline's policy does.
     */
    public static Artifacts publishTinyModels(Path dir) {
        try (ArtifactStore store = new LocalArtifactStore();
             PromptModel policy = TinyModels.promptModel(11);
             RewardModel reward = RewardModel.create(TITLED_REWARD, 12)) {
            Path policyDir = dir.resolve("policy");
            Path rewardDir = dir.resolve("reward");
            policy.save(policyDir);
            reward.save(rewardDir);
            ArtifactManifest p = store.publish(policyDir, ArtifactUri.local(policyDir), "prompt-model", "test",
                    Map.of("promptModel", Map.of("topP", 0.95, "describeBackgrounds", true)), Map.of());
            ArtifactManifest r = store.publish(rewardDir, ArtifactUri.local(rewardDir), "reward-model", "test", Map.of(), Map.of());
            return new Artifacts(policyDir.toString(), rewardDir.toString(), p, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A product photo: a two-colour bottle on a transparent background, with a soft (alpha < 128) edge. */
    public static BufferedImage product(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 60, 90, 255));
        g.fillRect(width / 3, height / 4, width / 3, height / 2);
        g.setColor(new Color(240, 240, 240, 255));
        g.fillRect(width * 5 / 12, height / 8, width / 6, height / 8);
        g.setColor(new Color(30, 30, 30, 90));
        g.fillRect(width / 3 - 2, height / 4, 2, height / 2);
        g.dispose();
        return image;
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] productPng() {
        return png(product(96, 80));
    }
}

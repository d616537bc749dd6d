package dev.caig.runtime.train;

import dev.caig.runtime.model.ImageTensors;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.RewardModelConfig;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RewardTrainerTest {
    /** A product (white box) on a background whose warmth is the hidden preference. */
    private static float[] ad(double warmth, Random random) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        int red = (int) (80 + 150 * warmth);
        g.setColor(new Color(red, 90 + random.nextInt(40), 230 - red / 2));
        g.fillRect(0, 0, 32, 32);
        g.setColor(Color.WHITE);
        g.fillRect(9 + random.nextInt(4), 8, 12, 16);
        g.dispose();
        return ImageTensors.rgb(image, 32);
    }

    @Test
    void learnsAPreferenceThatGeneralisesToNewPairs() {
        Random random = new Random(4);
        List<float[]> images = new ArrayList<>();
        List<Double> warmth = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            double w = random.nextDouble();
            warmth.add(w);
            images.add(ad(w, random));
        }
        List<RewardExample> train = new ArrayList<>();
        List<RewardExample> heldOut = new ArrayList<>();
        for (int i = 0; i < 120; i += 2) {
            int better = warmth.get(i) > warmth.get(i + 1) ? i : i + 1;
            int worse = better == i ? i + 1 : i;
            RewardExample e = new RewardExample(better, worse, 0, 0.02f, 0.015f, "lamp");
            (i < 80 ? train : heldOut).add(random.nextBoolean() ? e.swapped() : e);
        }
        try (RewardModel model = RewardModel.create(new RewardModelConfig(32, 4, 16, List.of("lamp"), 4, RewardModelConfig.REGIONS), 1)) {
            double before = RewardTrainer.accuracy(model, images, heldOut);
            TrainingState state = new RewardTrainer(model, new RewardTrainer.Settings(25, 8, 3e-3, 2), CheckpointSink.none())
                    .train(images, train, heldOut, ResumeFromCheckpointTest.quiet());
            double after = state.last("validationAccuracy");
            assertTrue(after >= 0.85, "held-out accuracy " + after + " (before training " + before + ")");
        }
    }

    @Test
    void mirroringIsAnInvolutionThatMovesPixels() {
        float[] image = new float[3 * 32 * 32];
        image[32 * 5 + 2] = 255f; // channel 0, row 5, column 2
        float[] mirrored = RewardTrainer.maybeMirror(image, 32, true);
        assertEquals(255f, mirrored[32 * 5 + 29]);
        assertNotEquals(image[32 * 5 + 2], mirrored[32 * 5 + 2]);
        assertArrayEquals(image, RewardTrainer.maybeMirror(mirrored, 32, true));
        assertArrayEquals(image, RewardTrainer.maybeMirror(image, 32, false));
    }
}

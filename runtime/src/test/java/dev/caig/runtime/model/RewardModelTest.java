package dev.caig.runtime.model;

import dev.caig.runtime.CaigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RewardModelTest {
    private static BufferedImage solid(Color color) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 32, 32);
        g.setColor(Color.WHITE);
        g.fillOval(8, 8, 12, 12);
        g.dispose();
        return image;
    }

    /**
     * Both poolings: region pooling (new models) and flattening (models saved before it), at a 4x4 and a 2x2 grid;
     * both trunks (patches, and overlapping convolutions with and without a title).
     */
    static Stream<RewardModelConfig> configs() {
        return Stream.of(new RewardModelConfig(32, 8, 16), new RewardModelConfig(64, 4, 8),
                new RewardModelConfig(64, 4, 8, List.of(), 0, RewardModelConfig.FLATTEN),
                new RewardModelConfig(64, 4, 8, List.of("lamp"), 4, RewardModelConfig.REGIONS),
                new RewardModelConfig(64, 4, 8, List.of("lamp"), 4, RewardModelConfig.REGIONS, 0, RewardModelConfig.CONV_TRUNK),
                new RewardModelConfig(32, 4, 8, List.of(), 0, RewardModelConfig.FLATTEN, 0, RewardModelConfig.CONV_TRUNK));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void swappingSidesSwapsTheLogitsAndFlipsTheDecision(RewardModelConfig config) {
        try (RewardModel rm = RewardModel.create(config, 5)) {
            BufferedImage a = solid(Color.ORANGE);
            BufferedImage b = solid(Color.BLUE);
            float[][] ab = rm.pairLogits(List.of(rm.sideBySide(a, b)));
            float[][] ba = rm.pairLogits(List.of(rm.sideBySide(b, a)));
            assertEquals(ab[0][0], ba[0][1], 1e-5);
            assertEquals(ab[0][1], ba[0][0], 1e-5);
            int[] decision = rm.prefer(List.of(a, b), List.of(b, a));
            assertEquals(1, decision[0] + decision[1], "exactly one of the two orders says 'right'");
            float[] scores = rm.scores(List.of(a, b));
            assertEquals(ab[0][0], scores[0], 1e-4, "a single image's score is the logit it gets in a pair");
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void reloadsToBitIdenticalOutputs(RewardModelConfig config, @TempDir Path dir) throws Exception {
        try (RewardModel rm = RewardModel.create(config, 6)) {
            rm.save(dir);
            try (RewardModel reloaded = RewardModel.load(dir)) {
                List<BufferedImage> images = List.of(solid(Color.RED), solid(Color.GREEN));
                assertArrayEquals(rm.scores(images), reloaded.scores(images));
            }
        }
    }

    @Test
    void anEnsembleSavedMemberByMemberScoresAndDecidesByTheMembersMean(@TempDir Path dir) throws Exception {
        RewardModelConfig config = new RewardModelConfig(32, 8, 16, List.of("lamp"), 4, RewardModelConfig.REGIONS);
        List<BufferedImage> images = List.of(solid(Color.ORANGE), solid(Color.BLUE), solid(Color.GREEN));
        List<String> titles = List.of("lamp", "desk lamp", "mug");
        BufferedImage pair = solid(Color.RED);
        float[] first;
        float[] second;
        float[][] firstPair;
        float[][] secondPair;
        try (RewardModel a = RewardModel.create(config, 1); RewardModel b = RewardModel.create(config, 2)) {
            a.saveAsMember(dir, 0);
            b.saveAsMember(dir, 1);
            first = a.scores(images, titles);
            second = b.scores(images, titles);
            firstPair = a.pairLogits(List.of(a.sideBySide(pair, images.get(0))), List.of("lamp"));
            secondPair = b.pairLogits(List.of(b.sideBySide(pair, images.get(0))), List.of("lamp"));
        }
        assertTrue(Files.isRegularFile(dir.resolve("reward-model.member-1.params")));
        try (RewardModel ensemble = RewardModel.load(dir)) {
            assertEquals(2, ensemble.members());
            float[] mean = ensemble.scores(images, titles);
            for (int i = 0; i < images.size(); i++) {
                assertTrue(first[i] != second[i], "members from other seeds score differently");
                assertEquals((first[i] + second[i]) / 2, mean[i], 1e-5, "image " + i);
            }
            float[][] logits = ensemble.pairLogits(List.of(ensemble.sideBySide(pair, images.get(0))), List.of("lamp"));
            assertEquals((firstPair[0][0] + secondPair[0][0]) / 2, logits[0][0], 1e-5);
            assertEquals((firstPair[0][1] + secondPair[0][1]) / 2, logits[0][1], 1e-5);

            Path copy = dir.resolveSibling(dir.getFileName() + "-copy");
            ensemble.save(copy);
            try (RewardModel reloaded = RewardModel.load(copy)) {
                assertEquals(2, reloaded.members());
                assertArrayEquals(mean, reloaded.scores(images, titles), "save writes every member");
            }
        }
    }

    @Test
    void aSingleModelIsAnEnsembleOfOne(@TempDir Path dir) throws Exception {
        try (RewardModel rm = RewardModel.create(new RewardModelConfig(32, 8, 16), 3)) {
            rm.save(dir);
        }
        try (RewardModel loaded = RewardModel.load(dir)) {
            assertEquals(1, loaded.members());
        }
        assertTrue(!Files.exists(dir.resolve(RewardModel.memberParamsFile(1))));
    }

    @Test
    void weightsOfAnotherArchitectureFailWithAMessageThatSaysWhatToDo(@TempDir Path dir) throws Exception {
        try (RewardModel rm = RewardModel.create(new RewardModelConfig(64, 4, 8), 6)) {
            rm.save(dir);
        }
        // As if an earlier build had written these weights: its model had other layers than this config makes.
        Path config = dir.resolve("reward-model.json");
        Files.writeString(config, Files.readString(config).replace("\"regions\"", "\"flatten\""));

        CaigException e = assertThrows(CaigException.class, () -> RewardModel.load(dir));
        assertTrue(e.getMessage().startsWith(dir + ": cannot load reward model: its weights do not fit"), e.getMessage());
        assertTrue(e.getMessage().endsWith("train it again with this version"), e.getMessage());
    }
}

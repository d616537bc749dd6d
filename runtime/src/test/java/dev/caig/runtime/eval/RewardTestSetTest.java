package dev.caig.runtime.eval;

import dev.caig.runtime.data.ImageFiles;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.RewardModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code caig reward eval}'s scoring: pairs are decoded a chunk at a time, with the result of scoring them all at once. */
class RewardTestSetTest {

    @TempDir
    Path tmp;

    @Test
    void scoringInChunksDecidesEveryPairAsScoringAllAtOnce() throws IOException {
        int pairs = RewardTestSet.CHUNK + 7; // more than one chunk, the last one partial
        Random random = new Random(5);
        List<RewardTestSet.Entry> entries = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            BufferedImage pair = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 64; x++) {
                    pair.setRGB(x, y, random.nextInt(0xFFFFFF));
                }
            }
            ImageIO.write(pair, "png", tmp.resolve("p" + i + ".png").toFile());
            images.add(ImageFiles.read(tmp.resolve("p" + i + ".png")));
            entries.add(new RewardTestSet.Entry("p" + i + ".png", random.nextBoolean() ? "left" : "right"));
        }
        Path testSet = Files.writeString(tmp.resolve("test.json"), "[]");
        try (RewardModel model = RewardModel.create(new RewardModelConfig(32, 4, 8), 3)) {
            float[][] all = model.pairLogits(images);
            int expected = 0;
            for (int i = 0; i < pairs; i++) {
                expected += (all[i][0] >= all[i][1] ? "left" : "right").equals(entries.get(i).target()) ? 1 : 0;
            }
            RewardTestSet.Result result = RewardTestSet.score(model, entries, testSet, "m", "d");
            assertEquals(pairs, result.pairs());
            assertEquals(expected, result.correct());
        }
    }
}

package dev.caig.runtime.eval;

import dev.caig.runtime.market.MarketGenerator;
import dev.caig.runtime.market.SimulatedMarket;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.model.RewardModelConfig;
import dev.caig.runtime.progress.Progress;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.render.ProceduralBackgroundRenderer;
import dev.caig.runtime.stage.StageInputs;
import dev.caig.runtime.stage.TrainingData;
import dev.caig.runtime.text.DescriptionGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UniversalArmTest {
    private static final int SIZE = 64;
    private static final long RENDER_SEED = 42;

    @Test
    void showsTheCandidateWithTheBestMeanTrueCtrAndRendersEachCandidateOncePerProduct(@TempDir Path tmp) {
        Path folder = new MarketGenerator(new ProceduralBackgroundRenderer(), Progress.Mode.QUIET)
                .generate(new MarketGenerator.Options(4, 7, 3, SIZE, RENDER_SEED, 1), tmp.resolve("market")).folder();
        SimulatedMarket market = SimulatedMarket.load(folder);
        List<TrainingData.Product> products = StageInputs.fromMarketFolder(folder).products();
        int candidates = 5;
        int samples = 2;
        long seed = 3;
        List<String> rendered = new ArrayList<>();
        try (AdRenderer renderer = new AdRenderer();
             RewardModel rewardModel = RewardModel.create(new RewardModelConfig(32, 4, 8), 1)) {
            PolicyArms.Render render = (p, d) -> {
                rendered.add(p.id() + " | " + d);
                return renderer.render(p.image(), d, RENDER_SEED, SIZE);
            };
            UniversalArm.Result result = UniversalArm.pick(products, market, render, candidates, samples, seed, rewardModel);

            assertEquals(candidates * products.size(), rendered.size(), "one render per candidate and product: " + rendered);
            assertEquals(candidates * products.size(), rendered.stream().distinct().count());
            // the oracle's choice, recomputed independently: the candidate with the best mean true CTR
            DescriptionGenerator generator = new DescriptionGenerator(seed * 977 + 13);
            double bestMean = -1;
            String bestDescription = null;
            for (int c = 0; c < candidates; c++) {
                String d = generator.next();
                double mean = 0;
                for (TrainingData.Product p : products) {
                    mean += market.oracle().trueCtr(market.product(p.id()),
                            d, renderer.render(p.image(), d, RENDER_SEED, SIZE)) / products.size();
                }
                if (mean > bestMean) {
                    bestMean = mean;
                    bestDescription = d;
                }
            }
            assertEquals(bestDescription, result.description());
            assertEquals(bestMean, result.meanTrueCtr(), 1e-12);
            assertTrue(result.perProductBestMeanTrueCtr() >= result.meanTrueCtr());

            List<Arm.Creative> shown = result.arm().creatives();
            assertEquals(products.size() * samples, shown.size());
            for (int k = 0; k < shown.size(); k++) {
                TrainingData.Product p = products.get(k / samples);
                assertEquals(p.id(), shown.get(k).productId());
                assertEquals(result.description(), shown.get(k).description());
                assertArrayEquals(pixels(renderer.render(p.image(), result.description(), RENDER_SEED, SIZE)),
                        pixels(shown.get(k).ad()), "the ad shown for " + p.id() + " is its render of the description");
            }
        }
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}

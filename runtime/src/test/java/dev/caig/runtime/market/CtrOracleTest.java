package dev.caig.runtime.market;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.render.AdImageComposer;
import dev.caig.runtime.render.LaidOutProduct;
import dev.caig.runtime.render.ProceduralBackgroundRenderer;
import dev.caig.runtime.render.ProductLayout;
import dev.caig.runtime.text.DescriptionGenerator;
import dev.caig.runtime.text.SceneSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CtrOracleTest {

    static final int SIZE = 64;
    static List<MarketProduct> products = new ArrayList<>();
    static CtrOracle oracle;
    static final ProceduralBackgroundRenderer RENDERER = new ProceduralBackgroundRenderer();

    @BeforeAll
    static void market() {
        ProductFactory factory = new ProductFactory(3);
        for (int i = 0; i < 20; i++) {
            products.add(factory.create(i));
        }
        oracle = CtrOracle.create(products, 3);
    }

    static BufferedImage ad(MarketProduct p, String description) {
        LaidOutProduct laid = ProductLayout.layout(p.image(), SIZE);
        return new AdImageComposer().compose(RENDERER.render(description, 42, SIZE), laid);
    }

    @Test
    void ctrsStayInTheRealisticRange() {
        DescriptionGenerator descriptions = new DescriptionGenerator(1);
        for (MarketProduct p : products) {
            for (int k = 0; k < 6; k++) {
                String d = descriptions.next();
                BufferedImage ad = ad(p, d);
                for (double ctr : new double[] {oracle.trueCtr(p, d, ad), oracle.expectedCtr(p, d, ad)}) {
                    assertTrue(ctr >= 0.003 && ctr <= 0.05, "CTR " + ctr + " for " + d);
                }
            }
        }
    }

    @Test
    void suitableScenesHaveHigherTrueCtrOnAverage() {
        DescriptionGenerator descriptions = new DescriptionGenerator(2);
        double suitable = 0, unsuitable = 0;
        int ns = 0, nu = 0;
        for (MarketProduct p : products) {
            for (int k = 0; k < 10; k++) {
                String d = descriptions.next();
                double ctr = oracle.trueCtr(p, d, ad(p, d));
                if (oracle.isSuitable(p, d)) {
                    suitable += ctr;
                    ns++;
                } else {
                    unsuitable += ctr;
                    nu++;
                }
            }
        }
        assertTrue(ns >= 20 && nu >= 20, "both kinds occur: " + ns + "/" + nu);
        assertTrue(suitable / ns > 1.3 * unsuitable / nu,
                "suitable " + suitable / ns + " vs unsuitable " + unsuitable / nu);
    }

    @Test
    void categoryPreferencesPointTheRightWay() {
        MarketProduct food = products.stream().filter(p -> p.category() == Category.FOOD).findFirst().orElseThrow();
        double kitchen = oracle.categoryScore(Category.FOOD,
                SceneSpec.parse("wooden surface, kitchen counter, warm lamp light, warm tones, fruit"));
        double bathroom = oracle.categoryScore(Category.FOOD,
                SceneSpec.parse("concrete surface, bathroom shelf, neon lights, cool blue tones"));
        assertTrue(kitchen > 1 && bathroom < -1);
        assertTrue(oracle.isSuitable(food, "wooden surface, kitchen counter, warm lamp light, warm tones, fruit"));
        assertTrue(!oracle.isSuitable(food, "concrete surface, bathroom shelf, neon lights, cool blue tones"));
    }

    @Test
    void bestBackgroundDependsOnTheProduct() {
        MarketProduct beauty = products.stream().filter(p -> p.category() == Category.BEAUTY).findFirst().orElseThrow();
        MarketProduct tech = products.stream().filter(p -> p.category() == Category.ELECTRONICS).findFirst().orElseThrow();
        String spa = "marble surface, bathroom shelf, soft daylight, pastel pink tones, flowers, minimalist";
        String neon = "concrete surface, night city, neon lights, cool blue tones, geometric shapes, modern";
        assertTrue(oracle.preference(beauty.id(), SceneSpec.parse(spa)) > oracle.preference(beauty.id(), SceneSpec.parse(neon)));
        assertTrue(oracle.preference(tech.id(), SceneSpec.parse(neon)) > oracle.preference(tech.id(), SceneSpec.parse(spa)));
    }

    @Test
    void perCreativeEffectIsFixedPerAdButVariesBetweenAds() {
        MarketProduct p = products.get(0);
        String d = "sand, beach, golden hour";
        BufferedImage a = ad(p, d);
        assertEquals(oracle.expectedCtr(p, d, a), oracle.expectedCtr(p, d, ad(p, d)));
        assertNotEquals(oracle.trueCtr(p, d, a), oracle.expectedCtr(p, d, a));
    }

    @Test
    void pixelEffectsReactToTheImage() {
        MarketProduct p = products.get(1);
        BufferedImage ad = ad(p, "studio backdrop");
        BufferedImage dark = ad(p, "studio backdrop");
        LaidOutProduct laid = ProductLayout.layout(p.image(), SIZE);
        int[] alpha = laid.alpha();
        for (int i = 0; i < alpha.length; i++) {
            if (alpha[i] == 0) {
                dark.setRGB(i % SIZE, i / SIZE, 0x050505);
            }
        }
        PixelFeatures bright = oracle.features(p, ad), black = oracle.features(p, dark);
        assertTrue(black.brightness() < 0.05 && bright.brightness() > 0.3);
        assertTrue(black.clutter() < bright.clutter() + 1e-9);
        assertNotEquals(oracle.pixelEffect(p, ad), oracle.pixelEffect(p, dark));
    }

    @Test
    void unknownProductIsAClearError() {
        MarketProduct stranger = new ProductFactory(99).create(5); // id p00005: not in the oracle below
        CtrOracle other = CtrOracle.create(List.of(products.get(0)), 1);
        assertThrows(CaigException.class, () -> other.trueCtr(stranger, "beach", ad(stranger, "beach")));
    }
}

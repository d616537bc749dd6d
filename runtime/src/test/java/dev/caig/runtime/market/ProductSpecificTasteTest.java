package dev.caig.runtime.market;

import dev.caig.runtime.CaigException;
import dev.caig.runtime.text.DescriptionGenerator;
import dev.caig.runtime.text.SceneSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductSpecificTasteTest {

    static List<MarketProduct> products(int n) {
        ProductFactory factory = new ProductFactory(5);
        List<MarketProduct> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(factory.create(i));
        }
        return out;
    }

    @Test
    void specificityZeroLeavesOnlyTheCategoryTaste() {
        List<MarketProduct> products = products(20);
        CtrOracle shared = CtrOracle.create(products, 5, 0);
        DescriptionGenerator descriptions = new DescriptionGenerator(3);
        for (MarketProduct p : products) {
            SceneSpec spec = SceneSpec.parse(descriptions.next());
            assertEquals(shared.categoryScore(p.category(), spec), shared.preference(p.id(), spec), 1e-12);
        }
    }

    @Test
    void theProductPartFollowsTheLookNotTheId() {
        ProductLook look = products(1).get(0).look();
        MarketProduct a = products(1).get(0);
        MarketProduct twin = new MarketProduct("p99999", a.category(), a.title(), look, a.trait(), a.image());
        CtrOracle oracle = CtrOracle.create(List.of(a, twin), 5, 1);
        DescriptionGenerator descriptions = new DescriptionGenerator(4);
        for (int k = 0; k < 50; k++) {
            SceneSpec spec = SceneSpec.parse(descriptions.next());
            assertEquals(oracle.preference(a.id(), spec), oracle.preference(twin.id(), spec), 1e-12);
        }
    }

    @Test
    void productsOfOneCategoryWithOtherLooksLikeOtherScenes() {
        List<MarketProduct> products = products(40);
        CtrOracle oracle = CtrOracle.create(products, 5, 1);
        MarketProduct first = products.get(0);
        MarketProduct other = products.stream().filter(p -> p.category() == first.category()
                && !LookTastes.features(p.look()).equals(LookTastes.features(first.look()))).findFirst().orElseThrow();
        assertNotEquals(oracle.params().products().get(first.id()).quirks(),
                oracle.params().products().get(other.id()).quirks());
    }

    /** "Effects as large as the shared ones": across random scenes the product part varies as much as the category's. */
    @Test
    void theProductPartIsAsLargeAsTheSharedPart() {
        List<MarketProduct> products = products(40);
        CtrOracle oracle = CtrOracle.create(products, 5, 1);
        DescriptionGenerator descriptions = new DescriptionGenerator(6);
        double sharedVar = 0, productVar = 0;
        for (MarketProduct p : products) {
            double[] shared = new double[64], own = new double[64];
            for (int k = 0; k < 64; k++) {
                SceneSpec spec = SceneSpec.parse(descriptions.next());
                shared[k] = oracle.categoryScore(p.category(), spec);
                own[k] = oracle.preference(p.id(), spec) - shared[k];
            }
            sharedVar += variance(shared);
            productVar += variance(own);
        }
        assertTrue(productVar > 0.7 * sharedVar && productVar < 3 * sharedVar,
                "product-specific variance " + productVar + " vs shared " + sharedVar);
    }

    @Test
    void lookRulesDependOnTheMarketSeed() {
        assertNotEquals(LookTastes.rules(1), LookTastes.rules(2));
        assertEquals(LookTastes.rules(1), LookTastes.rules(1));
    }

    @Test
    void specificityOutOfRangeIsRefused() {
        assertThrows(CaigException.class, () -> CtrOracle.create(products(2), 5, -1));
        assertThrows(CaigException.class, () -> CtrOracle.create(products(2), 5, Double.NaN));
    }

    private static double variance(double[] xs) {
        double mean = 0;
        for (double x : xs) {
            mean += x / xs.length;
        }
        double v = 0;
        for (double x : xs) {
            v += (x - mean) * (x - mean) / xs.length;
        }
        return v;
    }
}

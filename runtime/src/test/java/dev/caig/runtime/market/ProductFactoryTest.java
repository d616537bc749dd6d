package dev.caig.runtime.market;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductFactoryTest {

    @Test
    void sameSeedAndIndexGiveTheSameProduct() {
        MarketProduct a = new ProductFactory(4).create(7), b = new ProductFactory(4).create(7);
        assertEquals(a.title(), b.title());
        assertEquals(a.look(), b.look());
        int n = a.image().getWidth();
        assertArrayEquals(a.image().getRGB(0, 0, n, n, null, 0, n), b.image().getRGB(0, 0, n, n, null, 0, n));
    }

    @Test
    void productsCoverAllCategoriesWithVariedTitlesAndShapes() {
        ProductFactory f = new ProductFactory(1);
        Set<Category> categories = new HashSet<>();
        Set<String> titles = new HashSet<>();
        Set<ProductShape> shapes = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            MarketProduct p = f.create(i);
            categories.add(p.category());
            titles.add(p.title());
            shapes.add(p.look().shape());
            assertTrue(p.category().nouns().stream().anyMatch(p.title()::contains), p.title());
        }
        assertEquals(Category.values().length, categories.size());
        assertEquals(60, titles.size());
        assertTrue(shapes.size() >= 8);
    }
}

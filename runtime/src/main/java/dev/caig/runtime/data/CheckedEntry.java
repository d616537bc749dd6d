package dev.caig.runtime.data;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One catalog entry as the streaming reader checked it.
 *
 * @param index    position in the catalog file, from 0
 * @param where    the entry for messages ({@code entry [3] id "7"})
 * @param id       the product id, or null when the entry has none
 * @param item     the product when it has no problem, else null
 * @param photo    the decoded photo (ARGB, alpha = product mask) when the entry was selected and valid, else null;
 *                 the caller renders it and lets it go, so only the current product's photo is in memory
 * @param problems what is wrong with it, empty when nothing
 */
public record CheckedEntry(int index, String where, String id, Catalog.Item item, BufferedImage photo,
                           List<String> problems) {

    public boolean ok() {
        return problems.isEmpty();
    }
}

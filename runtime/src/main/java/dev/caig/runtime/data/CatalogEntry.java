package dev.caig.runtime.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One product of a catalog, in the paper's {@code tiny.json} format.
 *
 * @param id    product id, unique in the catalog
 * @param image path of the product photo relative to the catalog file (or an artifact URI)
 * @param title the product title ({@code new_caption} in the paper's files)
 */
public record CatalogEntry(
        @JsonProperty("id") String id,
        @JsonProperty("image") String image,
        @JsonProperty("new_caption") String title) {
}

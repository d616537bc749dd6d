package dev.caig.runtime.market;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** File names and JSON shapes of a market folder, shared by the generator and the loader. */
final class MarketFiles {
    static final String CATALOG = "catalog.json";
    static final String CLICKS = "clicks.json";
    static final String CONTACT_SHEET = "contact-sheet.png";
    static final String MARKET = "market.json";
    static final String ORACLE = "hidden/oracle.json";
    static final String PRODUCTS = "hidden/products.json";
    static final String CREATIVES = "hidden/creatives.json";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MarketFiles() {
    }

    static String productImage(String productId) {
        return "products/" + productId + ".png";
    }

    static String creativeImage(String productId, String creativeId) {
        return "creatives/" + productId + "/" + creativeId + ".png";
    }

    /** What the market knows about a product beyond the catalog. */
    record ProductRecord(@JsonProperty("id") String id, @JsonProperty("category") Category category,
                         @JsonProperty("title") String title, @JsonProperty("trait") TitleTrait trait,
                         @JsonProperty("look") ProductLook look) {
    }

    /** What the market knows about a historical creative beyond the click log. */
    record CreativeRecord(@JsonProperty("creative_id") String creativeId,
                          @JsonProperty("description") String description,
                          @JsonProperty("true_ctr") double trueCtr,
                          @JsonProperty("expected_ctr") double expectedCtr,
                          @JsonProperty("suitable") boolean suitable) {
    }
}

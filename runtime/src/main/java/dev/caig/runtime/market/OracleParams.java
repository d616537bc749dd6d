package dev.caig.runtime.market;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * Everything the hidden CTR model knows, as written to {@code hidden/oracle.json}: the evaluator rebuilds the
 * same oracle from it. Effects are on log CTR.
 *
 * @param categories category key -> "slot:value" -> effect of that value for the category
 * @param traits     title trait -> effect of each value the trait favours
 * @param harmony    colour family -> palette keys that coordinate with it
 * @param products   product id -> its hidden taste
 * @param productSpecificity weight of the product-specific taste (look, title trait, harmony); null in version 1
 * @param lookRules  look feature ("color:warm", "tone:dark", "shape:jar") -> "slot:value" -> effect at specificity 1;
 *                   null in version 1, whose quirks were random per product
 */
public record OracleParams(
        @JsonProperty("version") int version,
        @JsonProperty("seed") long seed,
        @JsonProperty("coefficients") Coefficients coefficients,
        @JsonProperty("categories") Map<String, Map<String, Double>> categories,
        @JsonProperty("traits") Map<String, List<String>> traits,
        @JsonProperty("harmony") Map<String, List<String>> harmony,
        @JsonProperty("products") Map<String, ProductTaste> products,
        @JsonProperty("product_specificity") Double productSpecificity,
        @JsonProperty("look_rules") Map<String, Map<String, Double>> lookRules) {

    /**
     * The model's constants.
     *
     * @param traitBonus        effect of each value a product's title trait favours
     * @param harmonyBonus      effect of a palette coordinated with the product's colour
     * @param contrast          effect per standard deviation of product/background contrast
     * @param clutter           effect per standard deviation of background clutter (negative: busy hurts)
     * @param brightness        effect per unit of |background brightness - brightnessBest| / brightnessScale
     * @param saturation        effect per standard deviation of background saturation
     * @param featureMean       mean of (contrast, brightness, saturation, clutter) over random ads
     * @param featureStd        standard deviation of the same
     * @param brightnessBest    background brightness people like best
     * @param noiseSigma        sigma of the per-creative log-normal effect nobody observes
     * @param minCtr            lower end of the CTR range (soft)
     * @param maxCtr            upper end of the CTR range (soft)
     * @param suitableThreshold category score at or above which a scene counts as suitable (match rate)
     */
    public record Coefficients(
            @JsonProperty("trait_bonus") double traitBonus,
            @JsonProperty("harmony_bonus") double harmonyBonus,
            @JsonProperty("contrast") double contrast,
            @JsonProperty("clutter") double clutter,
            @JsonProperty("brightness") double brightness,
            @JsonProperty("saturation") double saturation,
            @JsonProperty("feature_mean") double[] featureMean,
            @JsonProperty("feature_std") double[] featureStd,
            @JsonProperty("brightness_best") double brightnessBest,
            @JsonProperty("noise_sigma") double noiseSigma,
            @JsonProperty("min_ctr") double minCtr,
            @JsonProperty("max_ctr") double maxCtr,
            @JsonProperty("suitable_threshold") double suitableThreshold) {
    }

    /**
     * One product's hidden taste.
     *
     * @param baseLogCtr log CTR of the product in a neutral scene (its popularity)
     * @param quirks     "slot:value" -> this product's own extra effect (version 2: from its look features)
     */
    public record ProductTaste(
            @JsonProperty("category") String category,
            @JsonProperty("color_family") String colorFamily,
            @JsonProperty("trait") String trait,
            @JsonProperty("base_log_ctr") double baseLogCtr,
            @JsonProperty("quirks") Map<String, Double> quirks) {
    }
}

package dev.caig.runtime.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One historical ad image of a product and how it performed, in the field names of the paper's preprocessing
 * of the public creative-ranking data set.
 *
 * @param creativeId  id of the creative
 * @param image       path of the ad image relative to the click-log file
 * @param impressions times it was shown ({@code exp_impression_cnt})
 * @param clicks      times it was clicked ({@code exp_click_cnt}), at most {@code impressions}
 */
public record Creative(
        @JsonProperty("creative_id") String creativeId,
        @JsonProperty("image") String image,
        @JsonProperty("exp_impression_cnt") long impressions,
        @JsonProperty("exp_click_cnt") long clicks) {

    /** Observed click-through rate; 0 for a creative never shown. */
    public double ctr() {
        return impressions == 0 ? 0.0 : (double) clicks / impressions;
    }
}

package dev.caig.runtime.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** The body of a successful {@code POST /v1/generate}: what answered, the seed used, candidates best first. */
@JsonPropertyOrder({"model", "seed", "candidates"})
public record GenerateResponse(@JsonProperty("model") ModelInfo model,
                        @JsonProperty("seed") long seed,
                        @JsonProperty("candidates") List<Candidate> candidates) {

    @JsonPropertyOrder({"rank", "score", "description", "image"})
    public record Candidate(@JsonProperty("rank") int rank,
                     @JsonProperty("score") float score,
                     @JsonProperty("description") String description,
                     @JsonProperty("image") String image) {
    }

    public static GenerateResponse of(ModelInfo model, long seed, List<RankedAd> ads) {
        // Encoding is a good part of a request: use a free core when there is one (order is kept).
        return new GenerateResponse(model, seed, ads.parallelStream()
                .map(ad -> new Candidate(ad.rank(), ad.score(), ad.description(), AdImages.base64Png(ad.image())))
                .toList());
    }
}

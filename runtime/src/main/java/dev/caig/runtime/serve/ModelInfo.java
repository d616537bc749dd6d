package dev.caig.runtime.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.caig.runtime.store.ArtifactManifest;

/**
 * What is loaded, as {@code GET /v1/model} and every generate response show it: the artifact URIs with the
 * digests of the manifests that were verified, the renderer and the sampling settings. Nothing in it changes
 * between requests, so it never breaks "same seed, same answer".
 */
@JsonPropertyOrder({"policy", "reward", "renderer", "sampling"})
public record ModelInfo(@JsonProperty("policy") Artifact policy,
                        @JsonProperty("reward") Artifact reward,
                        @JsonProperty("renderer") Renderer renderer,
                        @JsonProperty("sampling") Sampling sampling) {

    /** One loaded artifact: where it came from and which version (the sha256 of its manifest.json). */
    @JsonPropertyOrder({"uri", "digest", "kind", "producer", "created"})
    public record Artifact(@JsonProperty("uri") String uri,
                           @JsonProperty("digest") String digest,
                           @JsonProperty("kind") String kind,
                           @JsonProperty("producer") String producer,
                           @JsonProperty("created") String created) {

        public static Artifact of(String uri, ArtifactManifest manifest) {
            return new Artifact(uri, manifest.digest(), manifest.kind(), manifest.producer(), manifest.created());
        }
    }

    /**
     * The frozen renderer with the paper's fixed seed: {@code kind} procedural or diffusion, and for diffusion the
     * model's URI and manifest digest and the sampling settings ({@code settings}).
     */
    @JsonPropertyOrder({"kind", "seed", "size", "settings"})
    public record Renderer(@JsonProperty("kind") String kind,
                           @JsonProperty("seed") long seed,
                           @JsonProperty("size") int size,
                           @JsonProperty("settings") java.util.Map<String, Object> settings) {
    }

    /** @param describeBackgrounds whether descriptions are sampled under the description grammar */
    @JsonPropertyOrder({"temperature", "topP", "maxNewTokens", "describeBackgrounds"})
    public record Sampling(@JsonProperty("temperature") double temperature,
                           @JsonProperty("topP") double topP,
                           @JsonProperty("maxNewTokens") int maxNewTokens,
                           @JsonProperty("describeBackgrounds") boolean describeBackgrounds) {
    }
}

package dev.caig.runtime.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 7807 problem body ({@code application/problem+json}). {@code type} is a URN naming the kind of
 * problem, so clients can branch on it without parsing {@code detail}, which is for people.
 */
@JsonPropertyOrder({"type", "title", "status", "detail"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(@JsonProperty("type") String type,
                      @JsonProperty("title") String title,
                      @JsonProperty("status") int status,
                      @JsonProperty("detail") String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of one of the service's kinds; its type is {@code urn:caig:problem:<slug>}. */
    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem("urn:caig:problem:" + slug, title, status, detail);
    }
}

package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArtifactsSpec {
    @Required
    @Pattern(Patterns.BUCKET)
    private String bucket;

    @JsonPropertyDescription("Key prefix of this job's artifacts; defaults to caig/<namespace>/<name>/<uid> (a re-created resource starts afresh).")
    @Pattern(Patterns.PREFIX)
    @Size(max = 512)
    private String prefix;

    @JsonPropertyDescription("Retain keeps the artifacts when the resource is deleted; Delete removes the stage artifacts whose manifest names this resource's UID.")
    @Default("Retain")
    private CleanupPolicy cleanupPolicy;

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public CleanupPolicy getCleanupPolicy() {
        return cleanupPolicy;
    }

    public void setCleanupPolicy(CleanupPolicy cleanupPolicy) {
        this.cleanupPolicy = cleanupPolicy;
    }
}

package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Where pods reach the artifact store. Credentials only ever come from the referenced Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StoreSpec {
    @JsonPropertyDescription("S3 endpoint, e.g. http://minio.minio:9000; defaults to the operator's configured endpoint.")
    @Pattern(Patterns.HTTP_ENDPOINT)
    private String endpoint;

    @Size(min = 1, max = 64)
    private String region;

    @Required
    private SecretKeysRef credentialsSecret;

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public SecretKeysRef getCredentialsSecret() {
        return credentialsSecret;
    }

    public void setCredentialsSecret(SecretKeysRef credentialsSecret) {
        this.credentialsSecret = credentialsSecret;
    }
}

package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret in the resource's namespace and the data keys of the S3 access and secret key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeysRef {
    @Required
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @Size(max = 253)
    private String name;

    @Default("accessKey")
    @Size(min = 1, max = 253)
    private String accessKeyKey;

    @Default("secretKey")
    @Size(min = 1, max = 253)
    private String secretKeyKey;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAccessKeyKey() {
        return accessKeyKey;
    }

    public void setAccessKeyKey(String accessKeyKey) {
        this.accessKeyKey = accessKeyKey;
    }

    public String getSecretKeyKey() {
        return secretKeyKey;
    }

    public void setSecretKeyKey(String secretKeyKey) {
        this.secretKeyKey = secretKeyKey;
    }
}

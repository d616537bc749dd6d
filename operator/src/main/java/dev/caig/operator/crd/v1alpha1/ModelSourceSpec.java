package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.trainingJobRef) != has(self.policyUri)",
        message = "set exactly one of spec.model.trainingJobRef or spec.model.policyUri (with spec.model.rewardUri)")
@ValidationRule(value = "has(self.policyUri) == has(self.rewardUri)",
        message = "spec.model.policyUri and spec.model.rewardUri must be set together")
public class ModelSourceSpec {
    @JsonPropertyDescription("Name of an AdImageTrainingJob in the same namespace.")
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @Size(max = 253)
    private String trainingJobRef;

    @JsonPropertyDescription("Policy (prompt model) artifact, s3://...")
    @Pattern(Patterns.S3_URI)
    private String policyUri;

    @JsonPropertyDescription("Reward model artifact, s3://...")
    @Pattern(Patterns.S3_URI)
    private String rewardUri;

    public String getTrainingJobRef() {
        return trainingJobRef;
    }

    public void setTrainingJobRef(String trainingJobRef) {
        this.trainingJobRef = trainingJobRef;
    }

    public String getPolicyUri() {
        return policyUri;
    }

    public void setPolicyUri(String policyUri) {
        this.policyUri = policyUri;
    }

    public String getRewardUri() {
        return rewardUri;
    }

    public void setRewardUri(String rewardUri) {
        this.rewardUri = rewardUri;
    }
}

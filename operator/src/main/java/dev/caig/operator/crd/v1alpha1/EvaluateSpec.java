package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvaluateSpec extends StagePlacement {
    @JsonPropertyDescription("Run the evaluate stage (default true).")
    private Boolean enabled;
    @Min(1)
    @Max(1000000000)
    private Long impressionsPerArm;
    @JsonPropertyDescription("Also train a plain-DPO policy (stage dpo) and compare it (default true).")
    private Boolean ablation;
    @JsonPropertyDescription("Random descriptions the oracle arm picks the best of.")
    @Min(1)
    @Max(1000)
    private Integer oracleCandidates;
    @JsonPropertyDescription("Creatives each arm shows per held-out product.")
    @Min(1)
    @Max(1000)
    private Integer samplesPerProduct;
    private StageResources resources;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Long getImpressionsPerArm() {
        return impressionsPerArm;
    }

    public void setImpressionsPerArm(Long impressionsPerArm) {
        this.impressionsPerArm = impressionsPerArm;
    }

    public Boolean getAblation() {
        return ablation;
    }

    public void setAblation(Boolean ablation) {
        this.ablation = ablation;
    }

    public StageResources getResources() {
        return resources;
    }

    public void setResources(StageResources resources) {
        this.resources = resources;
    }

    public Integer getOracleCandidates() {
        return oracleCandidates;
    }

    public void setOracleCandidates(Integer oracleCandidates) {
        this.oracleCandidates = oracleCandidates;
    }

    public Integer getSamplesPerProduct() {
        return samplesPerProduct;
    }

    public void setSamplesPerProduct(Integer samplesPerProduct) {
        this.samplesPerProduct = samplesPerProduct;
    }
}

package dev.caig.operator.crd.v1alpha1;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Toleration;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvaluateSpec implements StagePlacement {
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
    @JsonPropertyDescription("Node labels this stage's pods must run on, added to spec.nodeSelector (this stage's value wins for a key set in both), e.g. a GPU node pool.")
    private Map<String, String> nodeSelector;
    @JsonPropertyDescription("Tolerations of this stage's pods, added to spec.tolerations (e.g. the GPU nodes' taint).")
    private List<Toleration> tolerations;

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

    @Override
    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    @Override
    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }
}

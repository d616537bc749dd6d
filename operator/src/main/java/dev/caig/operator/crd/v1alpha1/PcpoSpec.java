package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PcpoSpec extends StagePlacement {
    @JsonPropertyDescription("Outer PCPO iterations K.")
    @Min(1)
    @Max(10000)
    private Integer iterations;
    @Min(1)
    @Max(4096)
    private Integer batchSamples;
    @Min(2)
    @Max(64)
    private Integer generateNums;
    @Min(0.0)
    @Max(10.0)
    private Double temperature;
    @Min(0.0)
    @Max(100.0)
    private Double beta;
    @Min(0.0)
    @Max(100.0)
    private Double pcpoWeight;
    @Min(0.0)
    @Max(100.0)
    private Double pcpoBeta;
    @Min(0.0)
    @Max(1.0)
    private Double learningRate;
    @Min(0.0)
    @Max(1.0)
    private Double maskRatio;
    @JsonPropertyDescription("Reuse this policy artifact (s3://...) instead of running the stage.")
    @Pattern(Patterns.S3_URI)
    private String fromArtifact;
    @JsonPropertyDescription("Preference pairs per gradient step (paper: 1).")
    @Min(1)
    @Max(4096)
    private Integer batchSize;
    @JsonPropertyDescription("Epochs over each iteration's pairs (paper: 1).")
    @Min(1)
    @Max(100)
    private Integer epochsPerIteration;
    @JsonPropertyDescription("Patch grid of the masked image of the product-centric loss.")
    @Min(1)
    @Max(64)
    private Integer maskPatchesPerSide;
    @JsonPropertyDescription("Global gradient-norm clip (paper: 1.0); 0 disables it.")
    @Min(0)
    @Max(1000)
    private Double maxGradNorm;
    @JsonPropertyDescription("Weight of RPO's anchor, the chosen description's mean per-token negative log-likelihood, added to DPO + the product-centric loss (paper: 0).")
    @Min(0.0)
    @Max(100.0)
    private Double chosenNllWeight;
    @JsonPropertyDescription("Each iteration's DPO reference is the policy as the iteration starts (paper: false, the pre-trained model throughout).")
    private Boolean refreshReference;
    @JsonPropertyDescription("Fine-tuning runs from other seeds; the one the reward model prefers to the pre-trained policy on its validation products, which the runs leave out, is published (paper: 1).")
    @Min(1)
    @Max(16)
    private Integer restarts;
    @JsonPropertyDescription("Resources of the pcpo stage and of the dpo ablation stage.")
    private StageResources resources;

    public Integer getIterations() {
        return iterations;
    }

    public void setIterations(Integer iterations) {
        this.iterations = iterations;
    }

    public Integer getBatchSamples() {
        return batchSamples;
    }

    public void setBatchSamples(Integer batchSamples) {
        this.batchSamples = batchSamples;
    }

    public Integer getGenerateNums() {
        return generateNums;
    }

    public void setGenerateNums(Integer generateNums) {
        this.generateNums = generateNums;
    }

    public Double getTemperature() {
        return temperature;
    }

    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    public Double getBeta() {
        return beta;
    }

    public void setBeta(Double beta) {
        this.beta = beta;
    }

    public Double getPcpoWeight() {
        return pcpoWeight;
    }

    public void setPcpoWeight(Double pcpoWeight) {
        this.pcpoWeight = pcpoWeight;
    }

    public Double getPcpoBeta() {
        return pcpoBeta;
    }

    public void setPcpoBeta(Double pcpoBeta) {
        this.pcpoBeta = pcpoBeta;
    }

    public Double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(Double learningRate) {
        this.learningRate = learningRate;
    }

    public Double getMaskRatio() {
        return maskRatio;
    }

    public void setMaskRatio(Double maskRatio) {
        this.maskRatio = maskRatio;
    }

    public String getFromArtifact() {
        return fromArtifact;
    }

    public void setFromArtifact(String fromArtifact) {
        this.fromArtifact = fromArtifact;
    }

    public StageResources getResources() {
        return resources;
    }

    public void setResources(StageResources resources) {
        this.resources = resources;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Integer getEpochsPerIteration() {
        return epochsPerIteration;
    }

    public void setEpochsPerIteration(Integer epochsPerIteration) {
        this.epochsPerIteration = epochsPerIteration;
    }

    public Integer getMaskPatchesPerSide() {
        return maskPatchesPerSide;
    }

    public void setMaskPatchesPerSide(Integer maskPatchesPerSide) {
        this.maskPatchesPerSide = maskPatchesPerSide;
    }

    public Double getMaxGradNorm() {
        return maxGradNorm;
    }

    public void setMaxGradNorm(Double maxGradNorm) {
        this.maxGradNorm = maxGradNorm;
    }

    public Double getChosenNllWeight() {
        return chosenNllWeight;
    }

    public void setChosenNllWeight(Double chosenNllWeight) {
        this.chosenNllWeight = chosenNllWeight;
    }

    public Boolean getRefreshReference() {
        return refreshReference;
    }

    public void setRefreshReference(Boolean refreshReference) {
        this.refreshReference = refreshReference;
    }

    public Integer getRestarts() {
        return restarts;
    }

    public void setRestarts(Integer restarts) {
        this.restarts = restarts;
    }
}

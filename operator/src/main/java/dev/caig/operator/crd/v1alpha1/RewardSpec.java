package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.minCtrRatio) || !has(self.maxCtrRatio) || self.minCtrRatio <= self.maxCtrRatio",
        message = "spec.reward.minCtrRatio must not exceed spec.reward.maxCtrRatio")
public class RewardSpec extends StagePlacement {
    @Min(1)
    @Max(10000)
    private Integer epochs;
    @Min(1)
    @Max(4096)
    private Integer batchSize;
    @Min(0.0)
    @Max(1.0)
    private Double learningRate;
    @Min(16)
    @Max(1024)
    private Integer imageSize;
    @Min(0)
    private Long minImpressions;
    @Min(1.0)
    @Max(100.0)
    private Double minCtrRatio;
    @Min(1.0)
    @Max(100.0)
    private Double maxCtrRatio;
    @JsonPropertyDescription("Reuse this artifact (s3://...) instead of running the stage.")
    @Pattern(Patterns.S3_URI)
    private String fromArtifact;
    @JsonPropertyDescription("Width of the reward model's first convolution.")
    @Min(1)
    @Max(512)
    private Integer channels;
    @JsonPropertyDescription("Fewest training pairs to train a reward model at all.")
    @Min(1)
    @Max(10000000)
    private Integer minPairs;
    @JsonPropertyDescription("Whether the reward model also reads the product title.")
    private Boolean readTitles;
    @JsonPropertyDescription("Weight of the pointwise term (each creative's centred log CTR) next to the pairwise loss; 0, the default, is the paper's pairs only.")
    @Min(0.0)
    @Max(100.0)
    private Double pointwiseWeight;
    @JsonPropertyDescription("Share of the training products set aside to pick the reward model's best epoch (default 0.1; 0 keeps the last epoch).")
    @Min(0.0)
    @Max(0.5)
    private Double validationFraction;
    @JsonPropertyDescription("Reward models trained from different seeds on the same pairs, whose mean score ranks candidates (an ensemble); 1, the default, is the paper's single model. Costs this many times the stage's training.")
    @Min(1)
    @Max(8)
    private Integer members;
    @JsonPropertyDescription("The reward model's convolutions: patch (the default: non-overlapping patches) or conv (four overlapping 3x3 convolutions of stride 2, which see across patch borders; each epoch takes about twice as long).")
    @Pattern("^(patch|conv)$")
    private String trunk;
    private StageResources resources;

    public Integer getEpochs() {
        return epochs;
    }

    public void setEpochs(Integer epochs) {
        this.epochs = epochs;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(Double learningRate) {
        this.learningRate = learningRate;
    }

    public Integer getImageSize() {
        return imageSize;
    }

    public void setImageSize(Integer imageSize) {
        this.imageSize = imageSize;
    }

    public Long getMinImpressions() {
        return minImpressions;
    }

    public void setMinImpressions(Long minImpressions) {
        this.minImpressions = minImpressions;
    }

    public Double getMinCtrRatio() {
        return minCtrRatio;
    }

    public void setMinCtrRatio(Double minCtrRatio) {
        this.minCtrRatio = minCtrRatio;
    }

    public Double getMaxCtrRatio() {
        return maxCtrRatio;
    }

    public void setMaxCtrRatio(Double maxCtrRatio) {
        this.maxCtrRatio = maxCtrRatio;
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

    public Integer getChannels() {
        return channels;
    }

    public void setChannels(Integer channels) {
        this.channels = channels;
    }

    public Integer getMinPairs() {
        return minPairs;
    }

    public void setMinPairs(Integer minPairs) {
        this.minPairs = minPairs;
    }

    public Boolean getReadTitles() {
        return readTitles;
    }

    public void setReadTitles(Boolean readTitles) {
        this.readTitles = readTitles;
    }

    public Double getPointwiseWeight() {
        return pointwiseWeight;
    }

    public void setPointwiseWeight(Double pointwiseWeight) {
        this.pointwiseWeight = pointwiseWeight;
    }

    public Double getValidationFraction() {
        return validationFraction;
    }

    public void setValidationFraction(Double validationFraction) {
        this.validationFraction = validationFraction;
    }

    public Integer getMembers() {
        return members;
    }

    public void setMembers(Integer members) {
        this.members = members;
    }

    public String getTrunk() {
        return trunk;
    }

    public void setTrunk(String trunk) {
        this.trunk = trunk;
    }
}

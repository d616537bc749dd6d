package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.imageSize) || !has(self.patchSize) || self.imageSize % self.patchSize == 0",
        message = "spec.promptModel.imageSize must be a multiple of spec.promptModel.patchSize")
@ValidationRule(value = "!has(self.embedDim) || !has(self.heads) || self.embedDim % self.heads == 0",
        message = "spec.promptModel.embedDim must be a multiple of spec.promptModel.heads")
public class PromptModelSpec {
    @Min(16)
    @Max(1024)
    private Integer imageSize;
    @Min(2)
    @Max(64)
    private Integer patchSize;
    @Min(8)
    @Max(8192)
    private Integer embedDim;
    @Min(1)
    @Max(96)
    private Integer layers;
    @Min(1)
    @Max(128)
    private Integer heads;

    @JsonPropertyDescription("Longest token sequence (instruction + image tokens + answer).")
    @Min(8)
    @Max(4096)
    private Integer maxSeqLen;
    @JsonPropertyDescription("Longest generated background description, in tokens.")
    @Min(1)
    @Max(512)
    private Integer maxAnswerTokens;
    @JsonPropertyDescription("Nucleus sampling threshold when generating.")
    @Min(0.01)
    @Max(1)
    private Double topP;
    public Integer getImageSize() {
        return imageSize;
    }

    public void setImageSize(Integer imageSize) {
        this.imageSize = imageSize;
    }

    public Integer getPatchSize() {
        return patchSize;
    }

    public void setPatchSize(Integer patchSize) {
        this.patchSize = patchSize;
    }

    public Integer getEmbedDim() {
        return embedDim;
    }

    public void setEmbedDim(Integer embedDim) {
        this.embedDim = embedDim;
    }

    public Integer getLayers() {
        return layers;
    }

    public void setLayers(Integer layers) {
        this.layers = layers;
    }

    public Integer getHeads() {
        return heads;
    }

    public void setHeads(Integer heads) {
        this.heads = heads;
    }

    public Integer getMaxSeqLen() {
        return maxSeqLen;
    }

    public void setMaxSeqLen(Integer maxSeqLen) {
        this.maxSeqLen = maxSeqLen;
    }

    public Integer getMaxAnswerTokens() {
        return maxAnswerTokens;
    }

    public void setMaxAnswerTokens(Integer maxAnswerTokens) {
        this.maxAnswerTokens = maxAnswerTokens;
    }

    public Double getTopP() {
        return topP;
    }

    public void setTopP(Double topP) {
        this.topP = topP;
    }
}

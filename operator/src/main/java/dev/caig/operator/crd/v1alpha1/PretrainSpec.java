package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PretrainSpec extends StagePlacement {
    @Min(1)
    @Max(10000)
    private Integer epochs;
    @Min(1)
    @Max(4096)
    private Integer batchSize;
    @Min(0.0)
    @Max(1.0)
    private Double learningRate;
    @JsonPropertyDescription("Reuse this artifact (s3://...) instead of running the stage.")
    @Pattern(Patterns.S3_URI)
    private String fromArtifact;
    @JsonPropertyDescription("Pre-training examples drawn per product and epoch.")
    @Min(1)
    @Max(10000)
    private Integer examplesPerProduct;
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

    public Integer getExamplesPerProduct() {
        return examplesPerProduct;
    }

    public void setExamplesPerProduct(Integer examplesPerProduct) {
        this.examplesPerProduct = examplesPerProduct;
    }
}

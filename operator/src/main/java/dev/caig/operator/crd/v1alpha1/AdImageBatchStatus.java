package dev.caig.operator.crd.v1alpha1;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;

/** What the operator saw of an AdImageBatch: phase, shards and products done, the merged output. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(ConditionsSchema.class)
public class AdImageBatchStatus {
    private BatchPhase phase;

    private Long observedGeneration;

    private String message;

    private String modelUri;

    private String modelDigest;

    @JsonPropertyDescription("The generation Job (Indexed, one completion per shard).")
    private String generateJob;

    @JsonPropertyDescription("The merge Job.")
    private String mergeJob;

    private Integer shards;

    @JsonPropertyDescription("Shards finished.")
    private Integer shardsSucceeded;

    @JsonPropertyDescription("Shards that failed past their retries.")
    private Integer shardsFailed;

    @JsonPropertyDescription("Products done (generated or skipped), summed from the shards' progress.json.")
    private Long productsDone;

    @JsonPropertyDescription("Products in the catalog.")
    private Long productsTotal;

    @JsonPropertyDescription("Products skipped (bad catalog entries, products the generator refused).")
    private Long productsSkipped;

    @JsonPropertyDescription("The merged manifest, once the batch succeeded.")
    private String manifestUri;

    private List<Condition> conditions = new ArrayList<>();

    public BatchPhase getPhase() {
        return phase;
    }

    public void setPhase(BatchPhase phase) {
        this.phase = phase;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getModelUri() {
        return modelUri;
    }

    public void setModelUri(String modelUri) {
        this.modelUri = modelUri;
    }

    public String getModelDigest() {
        return modelDigest;
    }

    public void setModelDigest(String modelDigest) {
        this.modelDigest = modelDigest;
    }

    public String getGenerateJob() {
        return generateJob;
    }

    public void setGenerateJob(String generateJob) {
        this.generateJob = generateJob;
    }

    public String getMergeJob() {
        return mergeJob;
    }

    public void setMergeJob(String mergeJob) {
        this.mergeJob = mergeJob;
    }

    public Integer getShards() {
        return shards;
    }

    public void setShards(Integer shards) {
        this.shards = shards;
    }

    public Integer getShardsSucceeded() {
        return shardsSucceeded;
    }

    public void setShardsSucceeded(Integer shardsSucceeded) {
        this.shardsSucceeded = shardsSucceeded;
    }

    public Integer getShardsFailed() {
        return shardsFailed;
    }

    public void setShardsFailed(Integer shardsFailed) {
        this.shardsFailed = shardsFailed;
    }

    public Long getProductsDone() {
        return productsDone;
    }

    public void setProductsDone(Long productsDone) {
        this.productsDone = productsDone;
    }

    public Long getProductsTotal() {
        return productsTotal;
    }

    public void setProductsTotal(Long productsTotal) {
        this.productsTotal = productsTotal;
    }

    public Long getProductsSkipped() {
        return productsSkipped;
    }

    public void setProductsSkipped(Long productsSkipped) {
        this.productsSkipped = productsSkipped;
    }

    public String getManifestUri() {
        return manifestUri;
    }

    public void setManifestUri(String manifestUri) {
        this.manifestUri = manifestUri;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}

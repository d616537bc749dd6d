package dev.caig.operator.crd.v1alpha1;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;

@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(ConditionsSchema.class)
public class AdImageTrainingJobStatus {
    private TrainingPhase phase;
    private Long observedGeneration;
    /** One line saying what happens now, or why nothing does. */
    private String message;
    private List<Condition> conditions = new ArrayList<>();
    private List<StageStatus> stages = new ArrayList<>();
    private ProgressStatus progress;
    /** The trained policy (pcpo artifact) once the job succeeded. */
    private String modelUri;
    private String rewardUri;
    private String modelDigest;
    /** sha256 of the run's pinned pipeline.yaml ("sha256:<hex>"), fixed when the run started. */
    private String configHash;

    public TrainingPhase getPhase() {
        return phase;
    }

    public void setPhase(TrainingPhase phase) {
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

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public List<StageStatus> getStages() {
        return stages;
    }

    public void setStages(List<StageStatus> stages) {
        this.stages = stages;
    }

    public ProgressStatus getProgress() {
        return progress;
    }

    public void setProgress(ProgressStatus progress) {
        this.progress = progress;
    }

    public String getModelUri() {
        return modelUri;
    }

    public void setModelUri(String modelUri) {
        this.modelUri = modelUri;
    }

    public String getRewardUri() {
        return rewardUri;
    }

    public void setRewardUri(String rewardUri) {
        this.rewardUri = rewardUri;
    }

    public String getModelDigest() {
        return modelDigest;
    }

    public void setModelDigest(String modelDigest) {
        this.modelDigest = modelDigest;
    }

    public String getConfigHash() {
        return configHash;
    }

    public void setConfigHash(String configHash) {
        this.configHash = configHash;
    }
}

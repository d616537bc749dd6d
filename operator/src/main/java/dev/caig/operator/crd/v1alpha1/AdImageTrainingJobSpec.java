package dev.caig.operator.crd.v1alpha1;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Toleration;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = AdImageTrainingJobSpec.RUN_CONFIG_UNCHANGED, message = "the run's configuration (spec.seed, render, "
        + "promptModel, pretrain, reward, pcpo, evaluate) is pinned when the training job is created: create a new "
        + "AdImageTrainingJob to run another (fromArtifact reuses finished stages)")
@ValidationRule(value = "!has(self.pcpo) || !has(self.pcpo.restarts) || self.pcpo.restarts == 1 || !has(self.reward)"
        + " || !has(self.reward.validationFraction) || self.reward.validationFraction > 0.0",
        message = "spec.pcpo.restarts above 1 are chosen on the reward model's validation products: spec.reward.validationFraction must be above 0")
public class AdImageTrainingJobSpec implements PodSettings {
    /** Every field that goes into pipeline.yaml (PipelineConfigRenderer) or shapes the DAG stays as created. */
    static final String RUN_CONFIG_UNCHANGED = "has(self.seed) == has(oldSelf.seed) && (!has(self.seed) || self.seed == oldSelf.seed) && "
        + "has(self.render) == has(oldSelf.render) && (!has(self.render) || self.render == oldSelf.render) && "
        + "has(self.promptModel) == has(oldSelf.promptModel) && (!has(self.promptModel) || self.promptModel == oldSelf.promptModel) && "
        + "has(self.pretrain) == has(oldSelf.pretrain) && (!has(self.pretrain) || self.pretrain == oldSelf.pretrain) && "
        + "has(self.reward) == has(oldSelf.reward) && (!has(self.reward) || self.reward == oldSelf.reward) && "
        + "has(self.pcpo) == has(oldSelf.pcpo) && (!has(self.pcpo) || self.pcpo == oldSelf.pcpo) && "
        + "has(self.evaluate) == has(oldSelf.evaluate) && (!has(self.evaluate) || self.evaluate == oldSelf.evaluate)";

    @Required
    @ValidationRule(value = "self == oldSelf", message = "spec.data is immutable once the training job exists")
    @JsonPropertyDescription("Training data: a simulated market, or a catalog with click logs. Immutable.")
    private DataSpec data;

    @JsonPropertyDescription("Global seed of the pipeline.")
    private Long seed;

    @JsonPropertyDescription("Runtime image (entrypoint `caig`); defaults to the operator's configured image.")
    @Size(min = 1, max = 512)
    private String image;

    private RenderSpec render;
    private PromptModelSpec promptModel;
    private PretrainSpec pretrain;
    private RewardSpec reward;
    private PcpoSpec pcpo;
    private EvaluateSpec evaluate;

    @JsonPropertyDescription("Default resources of every stage; a stage's own resources override it.")
    private StageResources resources;

    @JsonPropertyDescription("Node selector of every stage pod.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations of every stage pod (e.g. for GPU taints).")
    private List<Toleration> tolerations;

    @Pattern(Patterns.DNS_SUBDOMAIN)
    @Size(max = 253)
    private String priorityClassName;

    @JsonPropertyDescription("Kueue LocalQueue; sets the label kueue.x-k8s.io/queue-name on every stage Job.")
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @Size(max = 253)
    private String queueName;

    @Pattern(Patterns.DNS_SUBDOMAIN)
    @Size(max = 253)
    private String serviceAccountName;

    @JsonPropertyDescription("Suspends the running stage Jobs (Job .spec.suspend) and starts no new ones while true.")
    @Default("false")
    private Boolean suspend;

    @JsonPropertyDescription("Bitwise-repeatable arithmetic on Intel CPUs: the stage pods run oneMKL in its strict "
            + "reproducibility mode on its AVX2 code path (MKL_CBWR=AVX2,STRICT), so a stage rerun on the same inputs on "
            + "the same kind of node gives the same model. Costs about a quarter more time in prompt-model training; "
            + "oneMKL ignores it on other CPUs.")
    @Default("false")
    private Boolean reproducible;

    @JsonPropertyDescription("Pod retries per stage (the Job's backoffLimit); a retried stage resumes from its checkpoint.")
    @Min(0)
    @Max(20)
    @Default("2")
    private Integer retryLimit;

    @JsonPropertyDescription("Wall-clock limit of each stage Job, in seconds.")
    @Min(60)
    private Long activeDeadlineSeconds;

    @Required
    @ValidationRule(value = "self.bucket == oldSelf.bucket && (has(self.prefix) == has(oldSelf.prefix)) && (!has(self.prefix) || self.prefix == oldSelf.prefix)",
            message = "spec.artifacts.bucket and spec.artifacts.prefix are immutable")
    private ArtifactsSpec artifacts;

    @Required
    private StoreSpec store;

    public DataSpec getData() {
        return data;
    }

    public void setData(DataSpec data) {
        this.data = data;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public RenderSpec getRender() {
        return render;
    }

    public void setRender(RenderSpec render) {
        this.render = render;
    }

    public PromptModelSpec getPromptModel() {
        return promptModel;
    }

    public void setPromptModel(PromptModelSpec promptModel) {
        this.promptModel = promptModel;
    }

    public PretrainSpec getPretrain() {
        return pretrain;
    }

    public void setPretrain(PretrainSpec pretrain) {
        this.pretrain = pretrain;
    }

    public RewardSpec getReward() {
        return reward;
    }

    public void setReward(RewardSpec reward) {
        this.reward = reward;
    }

    public PcpoSpec getPcpo() {
        return pcpo;
    }

    public void setPcpo(PcpoSpec pcpo) {
        this.pcpo = pcpo;
    }

    public EvaluateSpec getEvaluate() {
        return evaluate;
    }

    public void setEvaluate(EvaluateSpec evaluate) {
        this.evaluate = evaluate;
    }

    public StageResources getResources() {
        return resources;
    }

    public void setResources(StageResources resources) {
        this.resources = resources;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }

    public String getQueueName() {
        return queueName;
    }

    public void setQueueName(String queueName) {
        this.queueName = queueName;
    }

    public String getServiceAccountName() {
        return serviceAccountName;
    }

    public void setServiceAccountName(String serviceAccountName) {
        this.serviceAccountName = serviceAccountName;
    }

    public Boolean getSuspend() {
        return suspend;
    }

    public void setSuspend(Boolean suspend) {
        this.suspend = suspend;
    }

    public Boolean getReproducible() {
        return reproducible;
    }

    public void setReproducible(Boolean reproducible) {
        this.reproducible = reproducible;
    }

    public Integer getRetryLimit() {
        return retryLimit;
    }

    public void setRetryLimit(Integer retryLimit) {
        this.retryLimit = retryLimit;
    }

    public Long getActiveDeadlineSeconds() {
        return activeDeadlineSeconds;
    }

    public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
        this.activeDeadlineSeconds = activeDeadlineSeconds;
    }

    public ArtifactsSpec getArtifacts() {
        return artifacts;
    }

    public void setArtifacts(ArtifactsSpec artifacts) {
        this.artifacts = artifacts;
    }

    public StoreSpec getStore() {
        return store;
    }

    public void setStore(StoreSpec store) {
        this.store = store;
    }
}

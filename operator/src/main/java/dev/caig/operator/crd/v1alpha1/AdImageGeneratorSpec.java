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
import io.fabric8.kubernetes.api.model.Toleration;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AdImageGeneratorSpec {
    @Required
    @JsonPropertyDescription("Business unit served (a label on every object made for this generator).")
    @Pattern(Patterns.DNS_LABEL)
    @Size(max = 63)
    private String businessUnit;

    @Required
    private ModelSourceSpec model;

    @Size(min = 1, max = 512)
    private String image;

    @Min(0)
    @Max(100)
    @Default("1")
    private Integer replicas;

    private StageResources resources;

    private AutoscalingSpec autoscaling;

    @JsonPropertyDescription("Candidates generated and ranked per request (serve --max-candidates).")
    @Min(1)
    @Max(64)
    private Integer maxCandidates;

    @JsonPropertyDescription("Renderer of the served ads (serve --renderer, --render-settings); default: what the"
            + " policy was trained with. With diffusion the pods get one GPU unless resources.gpu says otherwise.")
    private RenderSpec render;

    @JsonPropertyDescription("Secret with one API key per line in data key `keys`; no Secret = no key check.")
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @Size(max = 253)
    private String apiKeySecret;

    @JsonPropertyDescription("Artifact store; defaults to the referenced training job's store.")
    private StoreSpec store;

    private Map<String, String> nodeSelector;
    private List<Toleration> tolerations;

    @Pattern(Patterns.DNS_SUBDOMAIN)
    @Size(max = 253)
    private String priorityClassName;

    @Pattern(Patterns.DNS_SUBDOMAIN)
    @Size(max = 253)
    private String serviceAccountName;

    public String getBusinessUnit() {
        return businessUnit;
    }

    public void setBusinessUnit(String businessUnit) {
        this.businessUnit = businessUnit;
    }

    public ModelSourceSpec getModel() {
        return model;
    }

    public void setModel(ModelSourceSpec model) {
        this.model = model;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public RenderSpec getRender() {
        return render;
    }

    public void setRender(RenderSpec render) {
        this.render = render;
    }

    public StageResources getResources() {
        return resources;
    }

    public void setResources(StageResources resources) {
        this.resources = resources;
    }

    public AutoscalingSpec getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(AutoscalingSpec autoscaling) {
        this.autoscaling = autoscaling;
    }

    public Integer getMaxCandidates() {
        return maxCandidates;
    }

    public void setMaxCandidates(Integer maxCandidates) {
        this.maxCandidates = maxCandidates;
    }

    public String getApiKeySecret() {
        return apiKeySecret;
    }

    public void setApiKeySecret(String apiKeySecret) {
        this.apiKeySecret = apiKeySecret;
    }

    public StoreSpec getStore() {
        return store;
    }

    public void setStore(StoreSpec store) {
        this.store = store;
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

    public String getServiceAccountName() {
        return serviceAccountName;
    }

    public void setServiceAccountName(String serviceAccountName) {
        this.serviceAccountName = serviceAccountName;
    }
}

package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The frozen renderer, the pipeline config's {@code render} section: procedural (CPU, default) or the paper's
 * SD1.5 + canny ControlNet inpainting ({@code diffusion}) from a diffusion-renderer artifact. Pods that render with
 * diffusion get one GPU unless their resources name a GPU count (0 included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.backend) || self.backend != 'diffusion' || has(self.model)",
        message = "render.backend diffusion needs render.model (the URI of a diffusion-renderer artifact)")
public class RenderSpec {
    public static final String DIFFUSION = "diffusion";

    @JsonPropertyDescription("Side of the rendered ads in pixels (a multiple of 8 for diffusion).")
    @Min(32)
    @Max(2048)
    private Integer size;
    @JsonPropertyDescription("Renderer seed (paper: 42), the same for every ad so two ads differ only by description.")
    private Long seed;
    @JsonPropertyDescription("procedural (default without model) or diffusion (default with model).")
    @Pattern("^(procedural|diffusion)$")
    private String backend;
    @JsonPropertyDescription("The diffusion-renderer artifact (caig renderer import), e.g. s3://caig/renderers/sd15-canny.")
    @Pattern("^(s3://|/|file:).+")
    private String model;
    @JsonPropertyDescription("Denoising steps (paper: 30-40; default 30).")
    @Min(1)
    @Max(1000)
    private Integer steps;
    @JsonPropertyDescription("Classifier-free guidance scale (paper: 7.5); 1 turns the negative prompt off.")
    @Min(1.0)
    @Max(50.0)
    private Double guidance;
    @JsonPropertyDescription("ddim (default) or euler-ancestral.")
    @Pattern("^(ddim|euler-ancestral)$")
    private String sampler;
    @JsonPropertyDescription("DDIM eta: 0 deterministic (paper), 1 DDPM-like.")
    @Min(0.0)
    @Max(1.0)
    private Double eta;
    @JsonPropertyDescription("What the pictures should not look like.")
    private String negativePrompt;
    @JsonPropertyDescription("ControlNet conditioning scale (paper: 1.0).")
    @Min(0.0)
    @Max(4.0)
    private Double controlScale;
    @JsonPropertyDescription("fp32 or fp16 (CUDA only; needs the export's fp16 modules).")
    @Pattern("^(fp32|fp16)$")
    private String precision;
    @JsonPropertyDescription("Candidates per denoiser call.")
    @Min(1)
    @Max(64)
    private Integer batchSize;

    /** Whether this renders with the diffusion back end (explicitly, or by naming a model). */
    @JsonIgnore
    public boolean isDiffusion() {
        return DIFFUSION.equals(backend) || (backend == null && model != null);
    }

    public Integer getSize() {
        return size;
    }

    public void setSize(Integer size) {
        this.size = size;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public String getBackend() {
        return backend;
    }

    public void setBackend(String backend) {
        this.backend = backend;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public Integer getSteps() {
        return steps;
    }

    public void setSteps(Integer steps) {
        this.steps = steps;
    }

    public Double getGuidance() {
        return guidance;
    }

    public void setGuidance(Double guidance) {
        this.guidance = guidance;
    }

    public String getSampler() {
        return sampler;
    }

    public void setSampler(String sampler) {
        this.sampler = sampler;
    }

    public Double getEta() {
        return eta;
    }

    public void setEta(Double eta) {
        this.eta = eta;
    }

    public String getNegativePrompt() {
        return negativePrompt;
    }

    public void setNegativePrompt(String negativePrompt) {
        this.negativePrompt = negativePrompt;
    }

    public Double getControlScale() {
        return controlScale;
    }

    public void setControlScale(Double controlScale) {
        this.controlScale = controlScale;
    }

    public String getPrecision() {
        return precision;
    }

    public void setPrecision(String precision) {
        this.precision = precision;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }
}

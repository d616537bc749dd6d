package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** CPU, memory and GPUs of one pod; requests equal limits so that GPU pods are Guaranteed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StageResources {
    @JsonPropertyDescription("CPU quantity, e.g. 2 or 500m.")
    @Pattern(Patterns.QUANTITY)
    private String cpu;
    @JsonPropertyDescription("Memory quantity, e.g. 4Gi.")
    @Pattern(Patterns.QUANTITY)
    private String memory;
    @JsonPropertyDescription("Number of nvidia.com/gpu.")
    @Min(0)
    @Max(16)
    private Integer gpu;

    public String getCpu() {
        return cpu;
    }

    public void setCpu(String cpu) {
        this.cpu = cpu;
    }

    public String getMemory() {
        return memory;
    }

    public void setMemory(String memory) {
        this.memory = memory;
    }

    public Integer getGpu() {
        return gpu;
    }

    public void setGpu(Integer gpu) {
        this.gpu = gpu;
    }
}

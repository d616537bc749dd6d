package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RenderSpec {
    @Min(32)
    @Max(2048)
    private Integer size;
    private Long seed;

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
}

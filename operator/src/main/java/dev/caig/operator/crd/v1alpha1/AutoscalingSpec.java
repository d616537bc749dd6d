package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** An autoscaling/v2 HorizontalPodAutoscaler on CPU utilisation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.minReplicas) || self.minReplicas <= self.maxReplicas",
        message = "spec.autoscaling.minReplicas must not exceed spec.autoscaling.maxReplicas")
public class AutoscalingSpec {
    @Min(1)
    @Max(100)
    private Integer minReplicas;
    @Required
    @Min(1)
    @Max(100)
    private Integer maxReplicas;
    @Min(1)
    @Max(100)
    private Integer targetCpuUtilizationPercentage;

    public Integer getMinReplicas() {
        return minReplicas;
    }

    public void setMinReplicas(Integer minReplicas) {
        this.minReplicas = minReplicas;
    }

    public Integer getMaxReplicas() {
        return maxReplicas;
    }

    public void setMaxReplicas(Integer maxReplicas) {
        this.maxReplicas = maxReplicas;
    }

    public Integer getTargetCpuUtilizationPercentage() {
        return targetCpuUtilizationPercentage;
    }

    public void setTargetCpuUtilizationPercentage(Integer targetCpuUtilizationPercentage) {
        this.targetCpuUtilizationPercentage = targetCpuUtilizationPercentage;
    }
}

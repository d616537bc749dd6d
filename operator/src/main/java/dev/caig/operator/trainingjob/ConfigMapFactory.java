package dev.caig.operator.trainingjob;

import java.util.Map;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

/** The ConfigMap `<job>-config` holding pipeline.yaml, owned by the training job. */
public final class ConfigMapFactory {

    private ConfigMapFactory() {
    }

    public static ConfigMap desired(AdImageTrainingJob job) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(ResourceNames.pipelineConfig(job.getMetadata().getName()))
                .withNamespace(job.getMetadata().getNamespace())
                .withLabels(ResourceNames.trainingJobLabels(job.getMetadata().getName()))
                .withOwnerReferences(Owners.controllerReference(job))
                .endMetadata()
                .withData(Map.of(PipelineConfigRenderer.FILE, PipelineConfigRenderer.render(job)))
                .build();
    }
}

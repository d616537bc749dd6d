package dev.caig.operator.trainingjob;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * The run's pinned pipeline.yaml (the ConfigMap written when the run started): its hash, and whether the spec now
 * renders another config (a change the CRD's CEL rule refuses on API servers that enforce it).
 */
public record RunConfig(String hash, boolean specChanged) {

    public static RunConfig of(ConfigMap pinned, AdImageTrainingJob job) {
        String text = pinned.getData() == null ? null : pinned.getData().get(PipelineConfigRenderer.FILE);
        String rendered = PipelineConfigRenderer.render(job);
        String pinnedText = text == null ? "" : text;
        return new RunConfig(hash(pinnedText), !pinnedText.equals(rendered));
    }

    /** "sha256:<hex>" of the pipeline.yaml text. */
    public static String hash(String pipelineYaml) {
        return "sha256:" + ResourceNames.sha256Hex(pipelineYaml);
    }
}

package dev.caig.operator.crd.v1alpha1;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Toleration;

/**
 * Where one stage's pods run, on top of the spec-wide nodeSelector and tolerations: a GPU stage can go to GPU nodes
 * (and tolerate their taint) while CPU stages stay off them. The stage specs extend it, so the two fields and their
 * schema are declared once.
 */
public abstract class StagePlacement {
    @JsonPropertyDescription("Node labels this stage's pods must run on, added to spec.nodeSelector (this stage's value wins for a key set in both), e.g. a GPU node pool.")
    private Map<String, String> nodeSelector;
    @JsonPropertyDescription("Tolerations of this stage's pods, added to spec.tolerations (e.g. the GPU nodes' taint).")
    private List<Toleration> tolerations;

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
}

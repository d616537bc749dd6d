package dev.caig.operator.crd.v1alpha1;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Toleration;

/**
 * What a resource chooses for the pods the operator makes from it: image, service account, priority class and
 * placement. One shape for every spec that makes runtime pods, so that one builder (RuntimeJobTemplate) and one
 * policy check (PodPolicy) serve them all.
 */
public interface PodSettings {
    String getImage();

    String getServiceAccountName();

    String getPriorityClassName();

    Map<String, String> getNodeSelector();

    List<Toleration> getTolerations();
}

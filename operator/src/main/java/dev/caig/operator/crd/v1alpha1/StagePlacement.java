package dev.caig.operator.crd.v1alpha1;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Toleration;

/**
 * Where one stage's pods run, on top of the spec-wide nodeSelector and tolerations: a GPU stage can go to GPU nodes
 * (and tolerate their taint) while CPU stages stay off them.
 */
public interface StagePlacement {
    Map<String, String> getNodeSelector();

    List<Toleration> getTolerations();
}

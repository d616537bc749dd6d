package dev.caig.operator.crd.v1alpha1;

import java.util.List;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Makes a status' {@code conditions} a list-type map keyed by {@code type}, as the Kubernetes API conventions want
 * (one condition per type; server-side apply merges by type); a map key must be required, so type and status are.
 * The CRD generator has no annotation for list types: the status classes name this customizer, which the generator
 * runs on their schema at build time.
 */
public final class ConditionsSchema implements SchemaCustomizer.Customizer {

    @Override
    public JSONSchemaProps apply(JSONSchemaProps status, String input, KubernetesSerialization serialization) {
        JSONSchemaProps conditions = status.getProperties().get("conditions");
        if (conditions == null) {
            throw new IllegalStateException("the status schema has no conditions property");
        }
        conditions.setXKubernetesListType("map");
        conditions.setXKubernetesListMapKeys(List.of("type"));
        conditions.getItems().getSchema().setRequired(List.of("type", "status"));
        return status;
    }
}

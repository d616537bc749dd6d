package dev.caig.operator.store;

import java.util.Objects;

import dev.caig.operator.crd.v1alpha1.StoreSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Where and as whom the operator reads a resource's artifacts: the resource's namespace and its {@code spec.store}
 * (endpoint and credentials Secret), exactly what its pods are given. The operator has no store rights of its own.
 */
public record StoreScope(String namespace, StoreSpec store) {
    public StoreScope {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(store.getCredentialsSecret(), "store.credentialsSecret");
    }

    public static StoreScope of(HasMetadata resource, StoreSpec store) {
        return new StoreScope(resource.getMetadata().getNamespace(), store);
    }
}

package dev.caig.operator.generator;

import java.util.HashMap;
import java.util.Optional;
import java.util.function.BiConsumer;

import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.status.StatusComparison;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Creates or updates an owned object only when its desired form changed, judged by a hash of the desired object
 * kept in an annotation (no server-side apply: the mock API server lacks it, see STACK.md).
 */
public class OwnedResourceApplier {

    /** Returns true when it wrote something. */
    public <T extends HasMetadata> boolean apply(KubernetesClient client, T desired, Optional<T> existing) {
        return apply(client, desired, existing, (d, e) -> {
        });
    }

    /**
     * As above; {@code keepFromExisting} copies fields that another controller owns (e.g. the HPA's replica count)
     * from the existing object into the one written, after the hash is taken, so that their changes trigger no write.
     */
    public <T extends HasMetadata> boolean apply(KubernetesClient client, T desired, Optional<T> existing,
            BiConsumer<T, T> keepFromExisting) {
        String hash = StatusComparison.hash(desired);
        if (desired.getMetadata().getAnnotations() == null) {
            desired.getMetadata().setAnnotations(new HashMap<>());
        }
        desired.getMetadata().getAnnotations().put(ResourceNames.DESIRED_HASH_ANNOTATION, hash);
        if (existing.isEmpty()) {
            client.resource(desired).create();
            return true;
        }
        var annotations = existing.get().getMetadata().getAnnotations();
        if (annotations != null && hash.equals(annotations.get(ResourceNames.DESIRED_HASH_ANNOTATION))) {
            return false;
        }
        // Optimistic locking: a concurrent writer makes this fail with 409 and the reconcile is retried.
        desired.getMetadata().setResourceVersion(existing.get().getMetadata().getResourceVersion());
        keepFromExisting.accept(desired, existing.get());
        client.resource(desired).update();
        return true;
    }
}

package dev.caig.operator.generator.dependent;

import java.util.HashMap;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.naming.ResourceNames;
import dev.caig.operator.status.StatusComparison;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/**
 * An object a generator owns (garbage-collected with it), kept as desired by JOSDK's matcher. Without server-side
 * apply that matcher ignores fields present only on the live object (API server defaults), so it cannot see a field
 * dropped from the desired form; the hash of the desired form in an annotation makes such changes a mismatch too.
 * A field edited or removed by hand is a mismatch either way, and is written back.
 */
public abstract class OwnedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, AdImageGenerator> {

    protected OwnedDependent(Class<R> type) {
        super(type);
    }

    /** The desired object as the generator and the resolved model say; pure. */
    protected abstract R build(AdImageGenerator generator, Context<AdImageGenerator> context);

    @Override
    protected R desired(AdImageGenerator generator, Context<AdImageGenerator> context) {
        R desired = build(generator, context);
        if (desired.getMetadata().getAnnotations() == null) {
            desired.getMetadata().setAnnotations(new HashMap<>());
        }
        desired.getMetadata().getAnnotations().put(ResourceNames.DESIRED_HASH_ANNOTATION, StatusComparison.hash(desired));
        keepFromLive(desired, generator, context);
        return desired;
    }

    /**
     * Every dependent has the generator's object name. Said here rather than computed from the desired object (JOSDK's
     * default), which cannot be built when a precondition is false (the HPA without spec.autoscaling) yet must be found
     * to be deleted, and which would recurse when the desired form reads the live object.
     */
    @Override
    protected ResourceID targetSecondaryResourceID(AdImageGenerator generator, Context<AdImageGenerator> context) {
        return new ResourceID(ResourceNames.generator(generator.getMetadata().getName()), generator.getMetadata().getNamespace());
    }

    /** Copies fields another controller owns from the live object, after hashing (so their changes write nothing). */
    protected void keepFromLive(R desired, AdImageGenerator generator, Context<AdImageGenerator> context) {
    }
}

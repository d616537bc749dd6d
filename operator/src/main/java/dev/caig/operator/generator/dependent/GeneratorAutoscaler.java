package dev.caig.operator.generator.dependent;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.generator.GeneratorResources;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The HPA, only while spec.autoscaling is set (its precondition; the workflow deletes it when unset). */
@KubernetesDependent(informer = @Informer(labelSelector = GeneratorLabels.MANAGED))
public class GeneratorAutoscaler extends OwnedDependent<HorizontalPodAutoscaler> {

    public GeneratorAutoscaler() {
        super(HorizontalPodAutoscaler.class);
    }

    @Override
    protected HorizontalPodAutoscaler build(AdImageGenerator generator, Context<AdImageGenerator> context) {
        return GeneratorResources.autoscaler(generator);
    }

    /** Reconcile precondition: autoscaling asked for. */
    public static class Requested implements Condition<HorizontalPodAutoscaler, AdImageGenerator> {
        @Override
        public boolean isMet(DependentResource<HorizontalPodAutoscaler, AdImageGenerator> dependent, AdImageGenerator generator,
                Context<AdImageGenerator> context) {
            return generator.getSpec().getAutoscaling() != null;
        }
    }
}

package dev.caig.operator.generator.dependent;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.generator.GeneratorResources;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * A PodDisruptionBudget (at most one pod evicted at a time) while the generator runs at least two replicas: a node
 * drain then never takes the whole generator down. With one replica a budget would block drains, so there is none.
 */
@KubernetesDependent(informer = @Informer(labelSelector = GeneratorLabels.MANAGED))
public class GeneratorDisruptionBudget extends OwnedDependent<PodDisruptionBudget> {

    public GeneratorDisruptionBudget() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget build(AdImageGenerator generator, Context<AdImageGenerator> context) {
        return GeneratorResources.disruptionBudget(generator);
    }

    /** Reconcile precondition: spec.replicas (or autoscaling.minReplicas) of 2 or more. */
    public static class SeveralReplicas implements Condition<PodDisruptionBudget, AdImageGenerator> {
        @Override
        public boolean isMet(DependentResource<PodDisruptionBudget, AdImageGenerator> dependent, AdImageGenerator generator,
                Context<AdImageGenerator> context) {
            return GeneratorResources.desiredReplicas(generator.getSpec()) >= 2;
        }
    }
}

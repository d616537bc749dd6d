package dev.caig.operator.generator.dependent;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.generator.GeneratorResources;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The `caig serve` Deployment; a new model digest changes its pod template, which rolls it. */
@KubernetesDependent(informer = @Informer(labelSelector = GeneratorLabels.MANAGED))
public class GeneratorDeployment extends OwnedDependent<Deployment> {

    public GeneratorDeployment() {
        super(Deployment.class);
    }

    @Override
    protected Deployment build(AdImageGenerator generator, Context<AdImageGenerator> context) {
        GeneratorInputs inputs = GeneratorInputs.from(context);
        return GeneratorResources.deployment(generator, inputs.model(), inputs.settings());
    }

    /**
     * With autoscaling the HPA owns spec.replicas. Server-side apply leaves the field to it when the desired form
     * omits it; a plain update replaces the whole spec, and a real API server defaults a missing replicas to 1, so
     * the update carries the HPA's current count (a concurrent HPA write makes it conflict and retry).
     */
    @Override
    protected void keepFromLive(Deployment desired, AdImageGenerator generator, Context<AdImageGenerator> context) {
        if (generator.getSpec().getAutoscaling() == null || useSSA(context)) {
            return;
        }
        Integer replicas = getSecondaryResource(generator, context).map(d -> d.getSpec().getReplicas())
                .orElse(GeneratorResources.desiredReplicas(generator.getSpec()));
        desired.getSpec().setReplicas(replicas);
    }
}

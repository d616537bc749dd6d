package dev.caig.operator.generator.dependent;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.generator.GeneratorResources;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The ClusterIP Service in front of the generator's pods. */
@KubernetesDependent(informer = @Informer(labelSelector = GeneratorLabels.MANAGED))
public class GeneratorService extends OwnedDependent<Service> {

    public GeneratorService() {
        super(Service.class);
    }

    @Override
    protected Service build(AdImageGenerator generator, Context<AdImageGenerator> context) {
        return GeneratorResources.service(generator);
    }
}

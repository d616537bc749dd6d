package dev.caig.operator.validation;

import java.util.Optional;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageGeneratorSpec;
import dev.caig.operator.store.AllowedPrefixes;

/** Semantic checks of a generator that the schema cannot make. */
public class GeneratorValidator {
    private final PodPolicy podPolicy;
    private final AllowedPrefixes storePrefixes;

    public GeneratorValidator(PodPolicy podPolicy) {
        this(podPolicy, AllowedPrefixes.ANYTHING);
    }

    public GeneratorValidator(PodPolicy podPolicy, AllowedPrefixes storePrefixes) {
        this.podPolicy = podPolicy;
        this.storePrefixes = storePrefixes;
    }

    public Optional<String> validate(AdImageGenerator generator) {
        return problem(generator).map(SpecProblem::message);
    }

    /** The first problem found, or empty. */
    public Optional<SpecProblem> problem(AdImageGenerator generator) {
        AdImageGeneratorSpec spec = generator.getSpec();
        return Checks.firstProblem(
                () -> Checks.firstPresent(
                        () -> spec == null || spec.getModel() == null ? Optional.of("spec.model is required") : Optional.empty(),
                        () -> spec.getModel().getTrainingJobRef() == null && spec.getStore() == null
                                ? Optional.of("spec.store is required when the model is given by spec.model.policyUri/rewardUri")
                                : Optional.empty(),
                        () -> spec.getAutoscaling() != null && spec.getReplicas() != null
                                ? Optional.of("set spec.replicas or spec.autoscaling, not both (the HPA owns the replica count)")
                                : Optional.empty()).map(SpecProblem::invalid),
                () -> StorePrefixCheck.generator(storePrefixes, generator).map(SpecProblem::storeScope),
                () -> Checks.firstPresent(
                        () -> podPolicy.check(spec.getImage(), spec.getServiceAccountName(), spec.getPriorityClassName()),
                        () -> Checks.nodeSelector("spec.nodeSelector", spec.getNodeSelector()),
                        () -> Tolerations.check("spec.tolerations", spec.getTolerations()),
                        () -> Checks.resources("spec.resources", spec.getResources())).map(SpecProblem::invalid));
    }
}

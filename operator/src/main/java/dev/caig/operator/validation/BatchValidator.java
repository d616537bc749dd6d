package dev.caig.operator.validation;

import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageBatchSpec;
import dev.caig.operator.store.AllowedPrefixes;

import java.util.Optional;

/** Semantic checks of a batch that the schema cannot make. */
public class BatchValidator {
    /** The merge Job names every shard's output in its arguments; this many keep the pod spec far below etcd's limit. */
    public static final int MAX_SHARDS = 2000;

    private final PodPolicy podPolicy;
    private final AllowedPrefixes storePrefixes;

    public BatchValidator(PodPolicy podPolicy) {
        this(podPolicy, AllowedPrefixes.ANYTHING);
    }

    public BatchValidator(PodPolicy podPolicy, AllowedPrefixes storePrefixes) {
        this.podPolicy = podPolicy;
        this.storePrefixes = storePrefixes;
    }

    public Optional<String> validate(AdImageBatch batch) {
        return problem(batch).map(SpecProblem::message);
    }

    /** The first problem found, or empty. */
    public Optional<SpecProblem> problem(AdImageBatch batch) {
        AdImageBatchSpec spec = batch.getSpec();
        return Checks.firstProblem(() -> Checks.firstPresent(
                () -> spec == null || spec.getModel() == null ? Optional.of("spec.model is required") : Optional.empty(),
                () -> spec.getShards() == null || spec.getShards() < 1 ? Optional.of("spec.shards must be at least 1") : Optional.empty(),
                () -> spec.getShards() > MAX_SHARDS
                        ? Optional.of("spec.shards (" + spec.getShards() + ") must be at most " + MAX_SHARDS
                                + ": the merge Job names every shard; give each shard more products instead")
                        : Optional.empty(),
                () -> spec.getModel().getTrainingJobRef() == null && spec.getStore() == null
                        ? Optional.of("spec.store is required when the model is given by spec.model.policyUri/rewardUri")
                        : Optional.empty(),
                () -> spec.getParallelism() != null && spec.getParallelism() > spec.getShards()
                        ? Optional.of("spec.parallelism (" + spec.getParallelism() + ") must not exceed spec.shards ("
                                + spec.getShards() + ")")
                        : Optional.empty(),
                () -> spec.getRender() != null && spec.getRender().getSeed() != null
                        ? Optional.of("spec.render.seed: generation renders with the model's fixed renderer seed; leave it unset")
                        : Optional.empty()).map(SpecProblem::invalid),
                () -> StorePrefixCheck.batch(storePrefixes, batch).map(SpecProblem::storeScope),
                () -> Checks.firstPresent(
                        () -> podPolicy.check(spec),
                        () -> Checks.nodeSelector("spec.nodeSelector", spec.getNodeSelector()),
                        () -> Tolerations.check("spec.tolerations", spec.getTolerations()),
                        () -> Checks.resources("spec.resources", spec.getResources())).map(SpecProblem::invalid));
    }
}

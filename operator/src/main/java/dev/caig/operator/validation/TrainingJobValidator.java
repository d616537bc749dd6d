package dev.caig.operator.validation;

import java.util.Optional;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobSpec;
import dev.caig.operator.store.AllowedPrefixes;
import dev.caig.operator.crd.v1alpha1.StagePlacement;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.store.StoreException;
import dev.caig.operator.store.StoreScope;
import dev.caig.operator.trainingjob.PipelinePlan;
import dev.caig.operator.trainingjob.PipelinePlanner;
import dev.caig.operator.trainingjob.PlannedStage;

/**
 * What the CRD schema and its CEL rules cannot check: label syntax, positive quantities, toleration consistency,
 * reused artifacts living outside this job's own prefix and actually existing (manifest.json present).
 */
public class TrainingJobValidator {
    private final ArtifactReader reader;
    private final PodPolicy podPolicy;
    private final AllowedPrefixes storePrefixes;

    public TrainingJobValidator(ArtifactReader reader, PodPolicy podPolicy) {
        this(reader, podPolicy, AllowedPrefixes.ANYTHING);
    }

    public TrainingJobValidator(ArtifactReader reader, PodPolicy podPolicy, AllowedPrefixes storePrefixes) {
        this.reader = reader;
        this.podPolicy = podPolicy;
        this.storePrefixes = storePrefixes;
    }

    /** The first problem's message, or empty. A store outage is not a spec problem: it throws. */
    public Optional<String> validate(AdImageTrainingJob job) throws StoreException {
        return problem(job).map(SpecProblem::message);
    }

    /** The first problem found, or empty. A store outage is not a spec problem: it throws. */
    public Optional<SpecProblem> problem(AdImageTrainingJob job) throws StoreException {
        AdImageTrainingJobSpec spec = job.getSpec();
        Optional<SpecProblem> local = Checks.firstProblem(
                () -> required(spec).map(SpecProblem::invalid),
                () -> StorePrefixCheck.trainingJob(storePrefixes, job).map(SpecProblem::storeScope),
                () -> Checks.firstPresent(
                        () -> podPolicy.check(spec),
                        () -> Checks.nodeSelector("spec.nodeSelector", spec.getNodeSelector()),
                        () -> Tolerations.check("spec.tolerations", spec.getTolerations()),
                        () -> Checks.resources("spec.resources", spec.getResources()),
                        () -> Checks.resources("spec.pretrain.resources", spec.getPretrain() == null ? null : spec.getPretrain().getResources()),
                        () -> Checks.resources("spec.reward.resources", spec.getReward() == null ? null : spec.getReward().getResources()),
                        () -> Checks.resources("spec.pcpo.resources", spec.getPcpo() == null ? null : spec.getPcpo().getResources()),
                        () -> Checks.resources("spec.evaluate.resources", spec.getEvaluate() == null ? null : spec.getEvaluate().getResources()),
                        () -> placement("spec.pretrain", spec.getPretrain()),
                        () -> placement("spec.reward", spec.getReward()),
                        () -> placement("spec.pcpo", spec.getPcpo()),
                        () -> placement("spec.evaluate", spec.getEvaluate())).map(SpecProblem::invalid));
        if (local.isPresent()) {
            return local;
        }
        return reusedArtifacts(job).map(SpecProblem::invalid);
    }

    /** A stage's own node selector and tolerations, checked as the spec-wide ones are. */
    private static Optional<String> placement(String field, StagePlacement stage) {
        if (stage == null) {
            return Optional.empty();
        }
        return Checks.firstPresent(
                () -> Checks.nodeSelector(field + ".nodeSelector", stage.getNodeSelector()),
                () -> Tolerations.check(field + ".tolerations", stage.getTolerations()));
    }

    private static Optional<String> required(AdImageTrainingJobSpec spec) {
        if (spec == null || spec.getData() == null || spec.getArtifacts() == null || spec.getStore() == null
                || spec.getStore().getCredentialsSecret() == null) {
            return Optional.of("spec.data, spec.artifacts and spec.store.credentialsSecret are required");
        }
        return Optional.empty();
    }

    /** A reused artifact whose digest is already in status was checked before: no store call on every resync. */
    private static boolean alreadyVerified(AdImageTrainingJob job, PlannedStage stage) {
        return job.getStatus() != null && job.getStatus().getStages().stream().anyMatch(st -> stage.stage().id().equals(st.getName())
                && stage.artifactUri().equals(st.getArtifactUri()) && st.getDigest() != null);
    }

    private Optional<String> reusedArtifacts(AdImageTrainingJob job) throws StoreException {
        PipelinePlan plan = PipelinePlanner.plan(job);
        for (PlannedStage s : plan.stages().stream().filter(PlannedStage::skipped).toList()) {
            String field = "spec." + s.stage().id() + ".fromArtifact";
            if (s.artifactUri().startsWith(plan.outUri() + "/")) {
                return Optional.of(field + " (" + s.artifactUri() + ") lies inside this job's own artifact prefix "
                        + plan.outUri() + "/; it would be overwritten or deleted with the job");
            }
            if (!alreadyVerified(job, s) && reader.manifest(StoreScope.of(job, job.getSpec().getStore()), s.artifactUri()).isEmpty()) {
                return Optional.of(field + ": no complete artifact at " + s.artifactUri() + " ("
                        + ArtifactReader.MANIFEST + " missing)");
            }
        }
        return Optional.empty();
    }
}

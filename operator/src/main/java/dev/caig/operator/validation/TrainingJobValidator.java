package dev.caig.operator.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobSpec;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.store.StoreException;
import dev.caig.operator.trainingjob.PipelinePlan;
import dev.caig.operator.trainingjob.PipelinePlanner;
import dev.caig.operator.trainingjob.PlannedStage;

/**
 * What the CRD schema and its CEL rules cannot check: label syntax, positive quantities, toleration consistency,
 * reused artifacts living outside this job's own prefix and actually existing (manifest.json present).
 */
public class TrainingJobValidator {
    private final ArtifactReader reader;

    public TrainingJobValidator(ArtifactReader reader) {
        this.reader = reader;
    }

    /** The first problem found, or empty. A store outage is not a spec problem: it throws. */
    public Optional<String> validate(AdImageTrainingJob job) throws StoreException {
        AdImageTrainingJobSpec spec = job.getSpec();
        Optional<String> local = Checks.firstPresent(
                () -> required(spec),
                () -> Checks.nodeSelector("spec.nodeSelector", spec.getNodeSelector()),
                () -> Tolerations.check("spec.tolerations", spec.getTolerations()),
                () -> Checks.resources("spec.resources", spec.getResources()),
                () -> Checks.resources("spec.pretrain.resources", spec.getPretrain() == null ? null : spec.getPretrain().getResources()),
                () -> Checks.resources("spec.reward.resources", spec.getReward() == null ? null : spec.getReward().getResources()),
                () -> Checks.resources("spec.pcpo.resources", spec.getPcpo() == null ? null : spec.getPcpo().getResources()),
                () -> Checks.resources("spec.evaluate.resources", spec.getEvaluate() == null ? null : spec.getEvaluate().getResources()));
        if (local.isPresent()) {
            return local;
        }
        return reusedArtifacts(job);
    }

    private static Optional<String> required(AdImageTrainingJobSpec spec) {
        if (spec == null || spec.getData() == null || spec.getArtifacts() == null || spec.getStore() == null
                || spec.getStore().getCredentialsSecret() == null) {
            return Optional.of("spec.data, spec.artifacts and spec.store.credentialsSecret are required");
        }
        return Optional.empty();
    }

    private Optional<String> reusedArtifacts(AdImageTrainingJob job) throws StoreException {
        PipelinePlan plan = PipelinePlanner.plan(job);
        List<PlannedStage> reused = new ArrayList<>(plan.stages().stream().filter(PlannedStage::skipped).toList());
        for (PlannedStage s : reused) {
            String field = "spec." + s.stage().id() + ".fromArtifact";
            if (s.artifactUri().startsWith(plan.outUri() + "/")) {
                return Optional.of(field + " (" + s.artifactUri() + ") lies inside this job's own artifact prefix "
                        + plan.outUri() + "/; it would be overwritten or deleted with the job");
            }
            if (reader.manifest(s.artifactUri()).isEmpty()) {
                return Optional.of(field + ": no complete artifact at " + s.artifactUri() + " ("
                        + ArtifactReader.MANIFEST + " missing)");
            }
        }
        return Optional.empty();
    }
}

package dev.caig.operator.trainingjob;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.StageState;
import dev.caig.operator.crd.v1alpha1.StageStatus;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.store.Manifest;
import dev.caig.operator.store.StoreException;
import dev.caig.operator.store.StoreScope;

/**
 * A stage is only done when its manifest.json exists (the runtime writes it last): exit code 0 without a manifest
 * is a failure. Manifests are read once; their digest and metrics are then kept in status.
 */
public class ArtifactVerifier {
    public static final String NOT_READ = "ManifestNotRead";
    public static final String MISSING = "ManifestMissing";
    public static final String FOREIGN = "ArtifactOfAnotherResource";

    /** Digest and metrics of a verified artifact. */
    public record Verified(String digest, Map<String, Double> metrics) {
    }

    private final ArtifactReader reader;

    public ArtifactVerifier(ArtifactReader reader) {
        this.reader = reader;
    }

    /** Checks every finished stage; returns the verified artifacts and rewrites observations that fail the check. */
    public Map<Stage, Verified> verify(AdImageTrainingJob job, PipelinePlan plan, Map<Stage, StageObservation> observed) {
        Map<Stage, Verified> verified = new EnumMap<>(Stage.class);
        List<StageStatus> previous = job.getStatus() == null ? List.of() : job.getStatus().getStages();
        for (PlannedStage planned : plan.stages()) {
            StageObservation obs = observed.get(planned.stage());
            if (obs.state() != StageState.Succeeded && obs.state() != StageState.Skipped) {
                continue;
            }
            Optional<StageStatus> prev = previous.stream().filter(s -> planned.stage().id().equals(s.getName())
                    && s.getDigest() != null && planned.artifactUri().equals(s.getArtifactUri())).findFirst();
            if (prev.isPresent()) {
                verified.put(planned.stage(), new Verified(prev.get().getDigest(), prev.get().getMetrics()));
                continue;
            }
            try {
                Optional<Manifest> manifest = reader.manifest(StoreScope.of(job, job.getSpec().getStore()), planned.artifactUri());
                if (manifest.isPresent() && foreign(job, planned, manifest.get())) {
                    observed.put(planned.stage(), new StageObservation(StageState.Failed, obs.attempts(), obs.startTime(),
                            obs.completionTime(), FOREIGN, planned.artifactUri() + " holds an artifact of another resource (UID "
                                    + manifest.get().producerUid() + "), not one made by this run; choose another "
                                    + "spec.artifacts.prefix, or name it in fromArtifact to reuse it", null));
                } else if (manifest.isPresent()) {
                    Map<String, Double> metrics = manifest.get().metrics();
                    verified.put(planned.stage(), new Verified(manifest.get().digest(), metrics.isEmpty() ? null : metrics));
                } else {
                    observed.put(planned.stage(), new StageObservation(StageState.Failed, obs.attempts(), obs.startTime(),
                            obs.completionTime(), MISSING, (planned.skipped() ? "fromArtifact "
                                    : "stage " + planned.stage().id() + " exited 0 but ")
                                    + planned.artifactUri() + ArtifactReader.MANIFEST + " does not exist", null));
                }
            } catch (StoreException e) {
                observed.put(planned.stage(), new StageObservation(obs.state(), obs.attempts(), obs.startTime(),
                        obs.completionTime(), NOT_READ, "manifest not read yet (will retry): " + e.getMessage(), null));
            }
        }
        return verified;
    }

    /** A stage this job runs must not report an artifact that names another producer (e.g. an explicit prefix reused). */
    private static boolean foreign(AdImageTrainingJob job, PlannedStage planned, Manifest manifest) {
        return !planned.skipped() && manifest.producerUid() != null && !manifest.producerUid().equals(job.getMetadata().getUid());
    }
}

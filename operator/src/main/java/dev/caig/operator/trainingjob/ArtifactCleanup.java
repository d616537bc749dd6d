package dev.caig.operator.trainingjob;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.CleanupPolicy;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.store.ArtifactStore;
import dev.caig.operator.store.ArtifactStores;
import dev.caig.operator.store.Manifest;
import dev.caig.operator.store.OutsideStoreScopeException;
import dev.caig.operator.store.S3Uri;
import dev.caig.operator.store.StoreException;
import dev.caig.operator.store.StoreScope;

/**
 * With cleanupPolicy Delete, removes the artifacts this resource produced, and only those: a stage folder is deleted
 * when its manifest names this resource's UID (its pods write it from env CAIG_PRODUCER_UID). Artifacts without such
 * a manifest (another resource's, reused fromArtifact, or never completed) are kept and listed, with the reason.
 */
public class ArtifactCleanup {
    private static final Logger LOG = Logger.getLogger(ArtifactCleanup.class);
    private final ArtifactStores stores;
    private final ArtifactReader reader;

    /** What a cleanup did: the artifact folders deleted and those kept, each with the reason. */
    public record Outcome(List<String> deleted, List<String> kept) {
        public static final Outcome NOTHING = new Outcome(List.of(), List.of());
    }

    public ArtifactCleanup(ArtifactStores stores, ArtifactReader reader) {
        this.stores = stores;
        this.reader = reader;
    }

    /** The outcome, or a StoreException when the store could not be read or written (the caller retries). */
    public Outcome deleteArtifactsIfAsked(AdImageTrainingJob job) throws StoreException {
        if (job.getSpec() == null || job.getSpec().getArtifacts() == null || job.getSpec().getStore() == null
                || job.getSpec().getArtifacts().getCleanupPolicy() != CleanupPolicy.Delete) {
            return Outcome.NOTHING;
        }
        String uid = job.getMetadata().getUid();
        ArtifactStore store = stores.open(StoreScope.of(job, job.getSpec().getStore()));
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (PlannedStage stage : PipelinePlanner.plan(job).stages()) {
            if (stage.skipped()) {
                continue; // fromArtifact: someone else's artifact, reused
            }
            Optional<Manifest> manifest;
            try {
                manifest = reader.manifest(StoreScope.of(job, job.getSpec().getStore()), stage.artifactUri());
            } catch (OutsideStoreScopeException e) {
                kept.add(stage.artifactUri() + " (" + e.getMessage() + ")");
                continue;
            }
            if (manifest.isEmpty()) {
                kept.add(stage.artifactUri() + " (no manifest: not known to be this resource's)");
            } else if (uid == null || !Objects.equals(uid, manifest.get().producerUid())) {
                kept.add(stage.artifactUri() + " (produced by " + (manifest.get().producerUid() == null ? "an unnamed producer"
                        : "resource UID " + manifest.get().producerUid()) + ", not this resource)");
            } else {
                int n = store.deletePrefix(S3Uri.parse(stage.artifactUri()));
                LOG.infof("deleted %d objects under %s (cleanupPolicy Delete)", n, stage.artifactUri());
                deleted.add(stage.artifactUri());
            }
        }
        return new Outcome(deleted, kept);
    }
}

package dev.caig.operator.trainingjob;

import java.util.Optional;

import org.jboss.logging.Logger;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.CleanupPolicy;
import dev.caig.operator.store.ArtifactStore;
import dev.caig.operator.store.S3Uri;
import dev.caig.operator.store.StoreException;

/** With cleanupPolicy Delete, removes the job's own artifact prefix (never reused fromArtifact URIs elsewhere). */
public class ArtifactCleanup {
    private static final Logger LOG = Logger.getLogger(ArtifactCleanup.class);
    private final ArtifactStore store;

    public ArtifactCleanup(ArtifactStore store) {
        this.store = store;
    }

    /** Empty when done (or nothing to do), otherwise why it failed. */
    public Optional<String> deleteArtifactsIfAsked(AdImageTrainingJob job) {
        if (job.getSpec() == null || job.getSpec().getArtifacts() == null
                || job.getSpec().getArtifacts().getCleanupPolicy() != CleanupPolicy.Delete) {
            return Optional.empty();
        }
        String out = PipelinePlanner.outUri(job);
        try {
            int deleted = store.deletePrefix(S3Uri.parse(out));
            LOG.infof("deleted %d objects under %s/ (cleanupPolicy Delete)", deleted, out);
            return Optional.empty();
        } catch (StoreException e) {
            return Optional.of("could not delete artifacts under " + out + "/ (will retry): " + e.getMessage());
        }
    }
}

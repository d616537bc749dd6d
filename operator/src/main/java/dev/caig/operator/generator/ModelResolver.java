package dev.caig.operator.generator;

import java.util.Optional;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobStatus;
import dev.caig.operator.crd.v1alpha1.ModelSourceSpec;
import dev.caig.operator.crd.v1alpha1.TrainingPhase;
import dev.caig.operator.store.ArtifactReader;
import dev.caig.operator.store.Manifest;
import dev.caig.operator.store.StoreException;
import dev.caig.operator.store.StoreScope;

/** Finds the model to serve: from a Succeeded training job's status, or from given URIs (digest from the store). */
public class ModelResolver {
    private final ArtifactReader reader;

    public ModelResolver(ArtifactReader reader) {
        this.reader = reader;
    }

    public ModelResolution resolve(AdImageGenerator generator, Optional<AdImageTrainingJob> trainingJob) {
        ModelSourceSpec model = generator.getSpec().getModel();
        if (model.getTrainingJobRef() != null) {
            return fromTrainingJob(generator, model.getTrainingJobRef(), trainingJob);
        }
        return fromUris(generator, model);
    }

    private static ModelResolution fromTrainingJob(AdImageGenerator generator, String ref, Optional<AdImageTrainingJob> tj) {
        String ns = generator.getMetadata().getNamespace();
        if (tj.isEmpty()) {
            return ModelResolution.waiting("AdImageTrainingJob " + ns + "/" + ref + " does not exist");
        }
        AdImageTrainingJobStatus status = tj.get().getStatus();
        if (status == null || status.getPhase() != TrainingPhase.Succeeded || status.getModelUri() == null
                || status.getRewardUri() == null || status.getModelDigest() == null) {
            String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase().name();
            String detail = status == null || status.getMessage() == null ? "" : ": " + status.getMessage();
            return ModelResolution.waiting("AdImageTrainingJob " + ns + "/" + ref + " is " + phase + detail);
        }
        var store = generator.getSpec().getStore() != null ? generator.getSpec().getStore() : tj.get().getSpec().getStore();
        return ModelResolution.ready(new ResolvedModel(status.getModelUri(), status.getRewardUri(), status.getModelDigest(), store));
    }

    private ModelResolution fromUris(AdImageGenerator generator, ModelSourceSpec model) {
        try {
            StoreScope scope = StoreScope.of(generator, generator.getSpec().getStore());
            Optional<Manifest> policy = reader.manifest(scope, folder(model.getPolicyUri()));
            if (policy.isEmpty()) {
                return ModelResolution.waiting("no complete policy artifact at " + folder(model.getPolicyUri())
                        + " (" + ArtifactReader.MANIFEST + " missing)");
            }
            if (reader.manifest(scope, folder(model.getRewardUri())).isEmpty()) {
                return ModelResolution.waiting("no complete reward artifact at " + folder(model.getRewardUri())
                        + " (" + ArtifactReader.MANIFEST + " missing)");
            }
            return ModelResolution.ready(new ResolvedModel(folder(model.getPolicyUri()), folder(model.getRewardUri()),
                    policy.get().digest(), generator.getSpec().getStore()));
        } catch (StoreException e) {
            return ModelResolution.waiting("cannot read the model's manifest yet: " + e.getMessage());
        }
    }

    private static String folder(String uri) {
        return uri.endsWith("/") ? uri : uri + "/";
    }
}

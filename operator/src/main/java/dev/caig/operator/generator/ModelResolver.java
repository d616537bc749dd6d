package dev.caig.operator.generator;

import java.util.Optional;

import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJobStatus;
import dev.caig.operator.crd.v1alpha1.ModelSourceSpec;
import dev.caig.operator.crd.v1alpha1.StoreSpec;
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
        return resolve(generator.getMetadata().getNamespace(), generator.getSpec().getModel(),
                generator.getSpec().getStore(), trainingJob);
    }

    /**
     * The model named by {@code model} in {@code ns}; {@code ownStore} (the resource's own store, may be null) wins
     * over the training job's. Shared by generators and batches.
     */
    public ModelResolution resolve(String ns, ModelSourceSpec model, StoreSpec ownStore, Optional<AdImageTrainingJob> trainingJob) {
        if (model.getTrainingJobRef() != null) {
            return fromTrainingJob(ns, ownStore, model.getTrainingJobRef(), trainingJob);
        }
        return fromUris(ns, ownStore, model);
    }

    private static ModelResolution fromTrainingJob(String ns, StoreSpec ownStore, String ref, Optional<AdImageTrainingJob> tj) {
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
        var store = ownStore != null ? ownStore : tj.get().getSpec().getStore();
        var render = tj.get().getSpec().getRender();
        return ModelResolution.ready(new ResolvedModel(status.getModelUri(), status.getRewardUri(), status.getModelDigest(), store,
                render != null && render.isDiffusion()));
    }

    private ModelResolution fromUris(String ns, StoreSpec store, ModelSourceSpec model) {
        try {
            StoreScope scope = new StoreScope(ns, store);
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
                    policy.get().digest(), store, "diffusion".equals(policy.get().rendererBackend())));
        } catch (StoreException e) {
            return ModelResolution.waiting("cannot read the model's manifest yet: " + e.getMessage());
        }
    }

    private static String folder(String uri) {
        return uri.endsWith("/") ? uri : uri + "/";
    }
}

package dev.caig.operator.validation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.caig.operator.crd.v1alpha1.AdImageBatch;
import dev.caig.operator.crd.v1alpha1.AdImageGenerator;
import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.crd.v1alpha1.ModelSourceSpec;
import dev.caig.operator.crd.v1alpha1.RenderSpec;
import dev.caig.operator.store.AllowedPrefixes;
import dev.caig.operator.trainingjob.PipelinePlanner;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Every store location a resource names (where its pods read and write, and the operator reads and deletes) checked
 * against the prefixes its namespace may use, before any store call.
 */
public final class StorePrefixCheck {
    private StorePrefixCheck() {
    }

    public static Optional<String> trainingJob(AllowedPrefixes prefixes, AdImageTrainingJob job) {
        var spec = job.getSpec();
        Map<String, String> uris = new LinkedHashMap<>();
        uris.put("spec.artifacts", PipelinePlanner.outUri(job) + "/");
        uris.put("spec.data.catalog", spec.getData().getCatalog());
        uris.put("spec.data.clickLogs", spec.getData().getClickLogs());
        render(uris, spec.getRender());
        uris.put("spec.pretrain.fromArtifact", spec.getPretrain() == null ? null : spec.getPretrain().getFromArtifact());
        uris.put("spec.reward.fromArtifact", spec.getReward() == null ? null : spec.getReward().getFromArtifact());
        uris.put("spec.pcpo.fromArtifact", spec.getPcpo() == null ? null : spec.getPcpo().getFromArtifact());
        return first(prefixes, job, uris);
    }

    public static Optional<String> generator(AllowedPrefixes prefixes, AdImageGenerator generator) {
        Map<String, String> uris = new LinkedHashMap<>();
        model(uris, generator.getSpec().getModel());
        render(uris, generator.getSpec().getRender());
        return first(prefixes, generator, uris);
    }

    public static Optional<String> batch(AllowedPrefixes prefixes, AdImageBatch batch) {
        var spec = batch.getSpec();
        Map<String, String> uris = new LinkedHashMap<>();
        model(uris, spec.getModel());
        uris.put("spec.catalogUri", spec.getCatalogUri());
        uris.put("spec.outputUri", spec.getOutputUri());
        render(uris, spec.getRender());
        return first(prefixes, batch, uris);
    }

    /** A model given by a training job reference is that job's artifacts, checked when the job is validated. */
    private static void model(Map<String, String> uris, ModelSourceSpec model) {
        uris.put("spec.model.policyUri", model.getPolicyUri());
        uris.put("spec.model.rewardUri", model.getRewardUri());
    }

    private static void render(Map<String, String> uris, RenderSpec render) {
        uris.put("spec.render.model", render == null ? null : render.getModel());
    }

    private static Optional<String> first(AllowedPrefixes prefixes, HasMetadata resource, Map<String, String> uris) {
        String namespace = resource.getMetadata().getNamespace();
        return uris.entrySet().stream().map(e -> prefixes.refuse(namespace, e.getKey(), e.getValue()))
                .flatMap(Optional::stream).findFirst();
    }
}

package dev.caig.operator.generator;

import dev.caig.operator.crd.v1alpha1.RenderSpec;
import dev.caig.operator.crd.v1alpha1.StoreSpec;

/**
 * The model a generator serves: policy and reward artifacts, the policy's digest, the store to read them from, and
 * whether the policy was fine-tuned with the diffusion renderer (the runtime then renders with it unless told otherwise).
 */
public record ResolvedModel(String policyUri, String rewardUri, String digest, StoreSpec store, boolean trainedWithDiffusion) {

    public ResolvedModel(String policyUri, String rewardUri, String digest, StoreSpec store) {
        this(policyUri, rewardUri, digest, store, false);
    }

    /**
     * Whether pods serving or generating with this model render with diffusion: {@code render} (the resource's
     * spec.render) decides when it names a back end or a model; otherwise the runtime keeps the policy's renderer.
     */
    public boolean rendersWithDiffusion(RenderSpec render) {
        if (render != null && (render.getBackend() != null || render.getModel() != null)) {
            return render.isDiffusion();
        }
        return trainedWithDiffusion;
    }
}

package dev.caig.operator.generator;

import dev.caig.operator.crd.v1alpha1.StoreSpec;

/** The model a generator serves: policy and reward artifacts, the policy's digest and the store to read them from. */
public record ResolvedModel(String policyUri, String rewardUri, String digest, StoreSpec store) {
}

package dev.caig.runtime.serve;

import dev.caig.runtime.TempFolders;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.model.PromptModel;
import dev.caig.runtime.model.RewardModel;
import dev.caig.runtime.generate.CandidateRanking;
import dev.caig.runtime.model.SamplingOptions;
import dev.caig.runtime.pipeline.PipelineConfig;
import dev.caig.runtime.pipeline.Renderers;
import dev.caig.runtime.render.AdRenderer;
import dev.caig.runtime.render.BackgroundRenderer;
import dev.caig.runtime.store.ArtifactManifest;
import dev.caig.runtime.store.ArtifactStore;
import dev.caig.runtime.store.ArtifactUri;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loads the policy and the reward model from artifact URIs. The store's fetch checks every file's sha256 against
 * the manifest, so a tampered or half-copied model fails here with a message naming the file, and is never served.
 */
public final class ArtifactModelLoader implements ModelLoader {
    static final String POLICY_KIND = "prompt-model";
    static final String REWARD_KIND = "reward-model";

    private final Supplier<ArtifactStore> stores;
    private final String policyUri;
    private final String rewardUri;
    private final int renderSize;
    private final int replicas;
    private final java.util.function.UnaryOperator<PipelineConfig.Render> renderChoice;

    /** Renders with what the policy was trained with (its manifest's render section). */
    public ArtifactModelLoader(Supplier<ArtifactStore> stores, String policyUri, String rewardUri, int renderSize,
                               int replicas) {
        this(stores, policyUri, rewardUri, renderSize, replicas, java.util.function.UnaryOperator.identity());
    }

    /**
     * @param renderChoice the renderer to serve with, given the render section the policy was trained with (its
     *                     manifest's config; procedural defaults if none): identity keeps it
     * @param replicas copies of the models to load, one per generation thread (see {@link LoadedModels}) */
    public ArtifactModelLoader(Supplier<ArtifactStore> stores, String policyUri, String rewardUri, int renderSize,
                               int replicas, java.util.function.UnaryOperator<PipelineConfig.Render> renderChoice) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1");
        }
        this.stores = stores;
        this.policyUri = policyUri;
        this.rewardUri = rewardUri;
        this.renderSize = renderSize;
        this.replicas = replicas;
        this.renderChoice = renderChoice;
    }

    @Override
    public LoadedModels load() {
        ArtifactUri policy = ArtifactUri.parse(policyUri);
        ArtifactUri reward = ArtifactUri.parse(rewardUri);
        Path work = tempDir();
        try (ArtifactStore store = stores.get()) {
            ArtifactManifest policyManifest = fetch(store, policy, work.resolve("policy"), POLICY_KIND, "--policy");
            ArtifactManifest rewardManifest = fetch(store, reward, work.resolve("reward"), REWARD_KIND, "--reward");
            List<LoadedModels.Replica> copies = new ArrayList<>();
            try {
                for (int i = 0; i < replicas; i++) {
                    copies.add(replica(work));
                }
            } catch (RuntimeException e) {
                copies.forEach(r -> {
                    r.policy().close();
                    r.reward().close();
                });
                throw e;
            }
            PipelineConfig.Render trained = Renderers.trainedWith(policyManifest);
            AdRenderer renderer;
            try {
                renderer = Renderers.open(renderChoice.apply(trained), store);
            } catch (RuntimeException e) {
                copies.forEach(r -> {
                    r.policy().close();
                    r.reward().close();
                });
                throw e;
            }
            SamplingOptions sampling = CandidateRanking.sampling(topP(policyManifest),
                    maxAnswerTokens(policyManifest, copies.get(0).policy().encoder().maxAnswerTokens()),
                    describeBackgrounds(policyManifest));
            ModelInfo info = new ModelInfo(ModelInfo.Artifact.of(policy.toString(), policyManifest),
                    ModelInfo.Artifact.of(reward.toString(), rewardManifest),
                    new ModelInfo.Renderer(String.valueOf(renderer.identity().get("backend")),
                            BackgroundRenderer.DEFAULT_SEED, renderSize, renderer.identity()),
                    new ModelInfo.Sampling(sampling.temperature(), sampling.topP(), sampling.maxNewTokens(),
                            sampling.describeBackground()));
            return new LoadedModels(copies, sampling, info, renderer);
        } finally {
            TempFolders.deleteQuietly(work);
        }
    }

    /** One copy of both models from the verified files. */
    private static LoadedModels.Replica replica(Path work) {
        PromptModel policy = PromptModel.load(work.resolve("policy"));
        RewardModel reward;
        try {
            reward = RewardModel.load(work.resolve("reward"));
        } catch (RuntimeException e) {
            policy.close();
            throw e;
        }
        // Inference only: frozen parameters never record autograd history, whatever thread runs them.
        policy.block().freezeParameters(true);
        reward.freeze();
        return new LoadedModels.Replica(policy, reward);
    }

    private static ArtifactManifest fetch(ArtifactStore store, ArtifactUri uri, Path dir, String kind, String flag) {
        ArtifactManifest manifest = store.fetch(uri, dir);
        if (!kind.equals(manifest.kind())) {
            throw new CaigException(flag + " " + uri + ": is a " + manifest.kind() + " artifact, expected a " + kind);
        }
        return manifest;
    }

    /**
     * Whether the policy was trained and evaluated sampling under the description grammar (pipeline config
     * promptModel.describeBackgrounds; true when the manifest does not say, as in the pipeline config).
     */
    static boolean describeBackgrounds(ArtifactManifest manifest) {
        return !(manifest.config().get("promptModel") instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("describeBackgrounds")));
    }

    /** The evaluation's answer length (promptModel.maxAnswerTokens) within what the policy's encoder allows. */
    static int maxAnswerTokens(ArtifactManifest manifest, int encoderMax) {
        if (manifest.config().get("promptModel") instanceof Map<?, ?> m && m.get("maxAnswerTokens") instanceof Number n
                && n.intValue() >= 1) {
            return Math.min(n.intValue(), encoderMax);
        }
        return encoderMax;
    }

    /** The top-p the policy was trained and evaluated with (pipeline config promptModel.topP), else 1. */
    static double topP(ArtifactManifest manifest) {
        if (manifest.config().get("promptModel") instanceof Map<?, ?> m && m.get("topP") instanceof Number p
                && p.doubleValue() > 0 && p.doubleValue() <= 1) {
            return p.doubleValue();
        }
        return 1.0;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("caig-serve-models");
        } catch (IOException e) {
            throw new CaigException("cannot create a temporary folder for the models: " + e.getMessage(), e);
        }
    }

}

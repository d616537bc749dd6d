package dev.caig.runtime.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.caig.runtime.model.RewardModelConfig;
import dev.caig.runtime.render.diffusion.DiffusionSettings;
import dev.caig.runtime.train.RewardTrainer;

import java.util.Objects;

/**
 * A training pipeline: where the data comes from and every stage's settings. Read from YAML or JSON by
 * {@link PipelineConfigLoader}; the Kubernetes operator renders the same schema into a ConfigMap. Every field has
 * a default; the PCPO defaults are the paper's constants (METHOD.md section 4).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineConfig(String name, Long seed, Data data, Render render, PromptModelSettings promptModel,
                             Pretrain pretrain, Reward reward, Pcpo pcpo, Evaluate evaluate) {

    public PipelineConfig {
        name = Objects.requireNonNullElse(name, "pipeline");
        seed = Objects.requireNonNullElse(seed, 7L);
        data = Objects.requireNonNullElseGet(data, () -> new Data(null, null, null, null));
        render = Objects.requireNonNullElseGet(render, () -> new Render(null, null));
        promptModel = Objects.requireNonNullElseGet(promptModel, () -> new PromptModelSettings(null, null, null, null, null, null, null, null, null));
        pretrain = Objects.requireNonNullElseGet(pretrain, () -> new Pretrain(null, null, null, null, null));
        reward = Objects.requireNonNullElseGet(reward, () -> new Reward(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        pcpo = Objects.requireNonNullElseGet(pcpo, () -> new Pcpo(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        evaluate = Objects.requireNonNullElseGet(evaluate, () -> new Evaluate(null, null, null, null, null, null, null, null));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The same pipeline with another renderer. */
    public PipelineConfig withRender(Render other) {
        return new PipelineConfig(name, seed, data, other, promptModel, pretrain, reward, pcpo, evaluate);
    }

    /** This config as a map: recorded in every manifest and report, so an artifact says how it was made. */
    @SuppressWarnings("unchecked")
    public java.util.Map<String, Object> asMap() {
        return JSON.convertValue(this, java.util.Map.class);
    }

    /** A simulated market ({@code market}) or the team's own files ({@code catalog} + {@code clickLogs}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(Market market, String catalog, String clickLogs, Double heldOutFraction) {
        public Data {
            heldOutFraction = Objects.requireNonNullElse(heldOutFraction, 0.25);
        }

        public boolean simulated() {
            return market != null;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** @param productSpecificity weight of what suits each product's look and title against its category; 0 = shared */
    public record Market(Integer products, Integer creativesPerProduct, Long seed, Double productSpecificity) {
        public Market {
            productSpecificity = Objects.requireNonNullElse(productSpecificity, 1.0);
            products = Objects.requireNonNullElse(products, 48);
            creativesPerProduct = Objects.requireNonNullElse(creativesPerProduct, 12);
            seed = Objects.requireNonNullElse(seed, 7L);
        }
    }

    /**
     * The frozen renderer: image size and the fixed seed (paper: 42) so two renders differ only by description, and
     * the back end: {@code procedural} (CPU, the default) or {@code diffusion} (the paper's SD1.5 + canny ControlNet
     * inpainting from the {@code diffusion-renderer} artifact at {@code model}, with the sampling settings below).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Render(Integer size, Long seed, String backend, String model, Integer steps, Double guidance,
                         String sampler, Double eta, String negativePrompt, Double controlScale, String precision,
                         Integer batchSize) {
        public static final String PROCEDURAL = "procedural";
        public static final String DIFFUSION = "diffusion";

        public Render {
            size = Objects.requireNonNullElse(size, 256);
            seed = Objects.requireNonNullElse(seed, 42L);
            // backend stays unset unless given (naming a model means diffusion), and the sampler settings are filled
            // only for diffusion: a procedural config records exactly what it recorded before the back end existed
            if (DIFFUSION.equals(backend) || (backend == null && model != null)) {
                DiffusionSettings d = DiffusionSettings.defaults();
                steps = Objects.requireNonNullElse(steps, d.steps());
                guidance = Objects.requireNonNullElse(guidance, d.guidance());
                sampler = Objects.requireNonNullElse(sampler, d.sampler());
                eta = Objects.requireNonNullElse(eta, d.eta());
                negativePrompt = Objects.requireNonNullElse(negativePrompt, d.negativePrompt());
                controlScale = Objects.requireNonNullElse(controlScale, d.controlScale());
                precision = Objects.requireNonNullElse(precision, d.precision());
                batchSize = Objects.requireNonNullElse(batchSize, d.batchSize());
            }
        }

        public Render(Integer size, Long seed) {
            this(size, seed, null, null, null, null, null, null, null, null, null, null);
        }

        /** The same settings with the diffusion renderer at {@code uri} (a command's --renderer). */
        public Render withDiffusionModel(String uri) {
            return new Render(size, seed, DIFFUSION, uri, steps, guidance, sampler, eta, negativePrompt, controlScale,
                    precision, batchSize);
        }

        public boolean diffusion() {
            return DIFFUSION.equals(backend) || (backend == null && model != null);
        }

        public DiffusionSettings diffusionSettings() {
            Render d = withDiffusionModel(model);
            return new DiffusionSettings(d.steps, d.guidance, d.sampler, d.eta, d.negativePrompt, d.controlScale,
                    d.precision, d.batchSize);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /**
     * @param describeBackgrounds sample background descriptions under the description grammar (comma-separated known
     *                            phrases, each slot once, no dangling punctuation) in PCPO and evaluation
     */
    public record PromptModelSettings(Integer imageSize, Integer patchSize, Integer embedDim, Integer layers,
                                      Integer heads, Integer maxSeqLen, Integer maxAnswerTokens, Double topP,
                                      Boolean describeBackgrounds) {
        public PromptModelSettings {
            describeBackgrounds = Objects.requireNonNullElse(describeBackgrounds, true);
            imageSize = Objects.requireNonNullElse(imageSize, 64);
            patchSize = Objects.requireNonNullElse(patchSize, 16);
            embedDim = Objects.requireNonNullElse(embedDim, 128);
            layers = Objects.requireNonNullElse(layers, 3);
            heads = Objects.requireNonNullElse(heads, 4);
            maxSeqLen = Objects.requireNonNullElse(maxSeqLen, 80);
            maxAnswerTokens = Objects.requireNonNullElse(maxAnswerTokens, 24);
            topP = Objects.requireNonNullElse(topP, 1.0);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pretrain(Integer epochs, Integer batchSize, Double learningRate, Integer examplesPerProduct,
                           String fromArtifact) {
        public Pretrain {
            epochs = Objects.requireNonNullElse(epochs, 6);
            batchSize = Objects.requireNonNullElse(batchSize, 16);
            learningRate = Objects.requireNonNullElse(learningRate, 1e-3);
            examplesPerProduct = Objects.requireNonNullElse(examplesPerProduct, 12);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reward(Integer epochs, Integer batchSize, Double learningRate, Integer imageSize, Integer channels,
                         Long minImpressions, Double minCtrRatio, Double maxCtrRatio, Integer minPairs,
                         Boolean readTitles, Double pointwiseWeight, Double validationFraction, Integer sceneExamples,
                         Integer scenePasses, Integer members, String fromArtifact, String trunk) {
        public Reward {
            scenePasses = Objects.requireNonNullElse(scenePasses, RewardTrainer.DEFAULT_SCENE_PASSES);
            members = Objects.requireNonNullElse(members, 1);
            trunk = Objects.requireNonNullElse(trunk, RewardModelConfig.PATCH_TRUNK);
            sceneExamples = Objects.requireNonNullElse(sceneExamples, 0);
            validationFraction = Objects.requireNonNullElse(validationFraction, 0.1);
            readTitles = Objects.requireNonNullElse(readTitles, true);
            pointwiseWeight = Objects.requireNonNullElse(pointwiseWeight, 0.0);
            epochs = Objects.requireNonNullElse(epochs, 8);
            batchSize = Objects.requireNonNullElse(batchSize, 16);
            learningRate = Objects.requireNonNullElse(learningRate, 1e-3);
            imageSize = Objects.requireNonNullElse(imageSize, 64);
            channels = Objects.requireNonNullElse(channels, 16);
            minImpressions = Objects.requireNonNullElse(minImpressions, 1000L);
            minCtrRatio = Objects.requireNonNullElse(minCtrRatio, 1.05);
            maxCtrRatio = Objects.requireNonNullElse(maxCtrRatio, 1.20);
            minPairs = Objects.requireNonNullElse(minPairs, 20);
        }
    }

    /**
     * PCPO. Defaults are the paper's: K=5 iterations, windows of B=8 products, 2 samples at temperature 1.0,
     * beta=0.5, pcpo_weight=1.0, pcpo_beta=0.5, lr 2e-5 cosine, grad-norm clip 1.0, batch 1, mask ratio 0.75.
     * {@code pcpoWeight: 0} is plain DPO (the ablation). {@code chooser: random} assigns chosen and rejected at random
     * instead of by the reward model: the ablation that shows how much of a lift the reward model's choices bring.
     * {@code chosenNllWeight} (default 0, the paper's loss) adds RPO's anchor, weight * the chosen response's mean
     * per-token negative log-likelihood, to DPO + the product-centric loss: it lets larger steps keep the policy on
     * likely, well-formed text. {@code pretrainMixWeight} (default 0) adds InstructGPT's pre-training mix: weight * the
     * pre-training cross-entropy on a batch of pre-training examples in every step, which keeps the policy's variety.
     * {@code refreshReference} (default false: the paper's fixed pre-trained reference) makes each iteration's DPO
     * reference the policy as the iteration starts (iterative DPO/RPO).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pcpo(Integer iterations, Integer batchSamples, Integer generateNums, Double temperature,
                       Double beta, Double pcpoWeight, Double pcpoBeta, Double learningRate, Integer batchSize,
                       Integer epochsPerIteration, Double maskRatio, Integer maskPatchesPerSide, Double maxGradNorm,
                       String fromArtifact, String chooser, Double chosenNllWeight,
                       Double pretrainMixWeight, Boolean refreshReference, Integer restarts) {
        public static final String REWARD_CHOOSER = "reward";
        public static final String RANDOM_CHOOSER = "random";

        public Pcpo {
            iterations = Objects.requireNonNullElse(iterations, 5);
            batchSamples = Objects.requireNonNullElse(batchSamples, 8);
            generateNums = Objects.requireNonNullElse(generateNums, 2);
            temperature = Objects.requireNonNullElse(temperature, 1.0);
            beta = Objects.requireNonNullElse(beta, 0.5);
            pcpoWeight = Objects.requireNonNullElse(pcpoWeight, 1.0);
            pcpoBeta = Objects.requireNonNullElse(pcpoBeta, 0.5);
            learningRate = Objects.requireNonNullElse(learningRate, 2e-5);
            batchSize = Objects.requireNonNullElse(batchSize, 1);
            epochsPerIteration = Objects.requireNonNullElse(epochsPerIteration, 1);
            maskRatio = Objects.requireNonNullElse(maskRatio, 0.75);
            maskPatchesPerSide = Objects.requireNonNullElse(maskPatchesPerSide, 8);
            maxGradNorm = Objects.requireNonNullElse(maxGradNorm, 1.0);
            chooser = Objects.requireNonNullElse(chooser, REWARD_CHOOSER);
            chosenNllWeight = Objects.requireNonNullElse(chosenNllWeight, 0.0);
            pretrainMixWeight = Objects.requireNonNullElse(pretrainMixWeight, 0.0);
            refreshReference = Objects.requireNonNullElse(refreshReference, false);
            restarts = Objects.requireNonNullElse(restarts, 1);
        }

        public Pcpo withPcpoWeight(double weight) {
            return new Pcpo(iterations, batchSamples, generateNums, temperature, beta, weight, pcpoBeta, learningRate,
                    batchSize, epochsPerIteration, maskRatio, maskPatchesPerSide, maxGradNorm, fromArtifact, chooser,
                    chosenNllWeight, pretrainMixWeight, refreshReference, restarts);
        }
    }

    /**
     * @param rerankCandidates    samples per slot of which the reward model's rank 1 is shown in the *-reranked arms
     * @param universalCandidates random descriptions the oracle picks the universal arm's one description from
     * @param bestOfN             also train and evaluate the best-of-N distillation baseline (stage best-of-n)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Evaluate(Boolean enabled, Long impressionsPerArm, Boolean ablation, Integer oracleCandidates,
                           Integer samplesPerProduct, Integer rerankCandidates, Integer universalCandidates,
                           Boolean bestOfN) {
        public Evaluate {
            bestOfN = Objects.requireNonNullElse(bestOfN, false);
            rerankCandidates = Objects.requireNonNullElse(rerankCandidates, 4);
            universalCandidates = Objects.requireNonNullElse(universalCandidates, 64);
            samplesPerProduct = Objects.requireNonNullElse(samplesPerProduct, 4);
            enabled = Objects.requireNonNullElse(enabled, true);
            impressionsPerArm = Objects.requireNonNullElse(impressionsPerArm, 200_000L);
            ablation = Objects.requireNonNullElse(ablation, true);
            oracleCandidates = Objects.requireNonNullElse(oracleCandidates, 8);
        }
    }
}

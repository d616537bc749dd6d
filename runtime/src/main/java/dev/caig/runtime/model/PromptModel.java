package dev.caig.runtime.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.text.DescriptionConstraint;
import dev.caig.runtime.text.Vocabulary;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A prompt model with its vocabulary: forward passes, summed answer log-probabilities (the quantity DPO and PCPO
 * compare), batched generation, and save/load. Saved as {@code prompt-model.json} (architecture + vocabulary) next
 * to {@code prompt-model.params} (DJL's parameter format).
 */
public final class PromptModel implements AutoCloseable {
    public static final String CONFIG_FILE = "prompt-model.json";
    public static final String PARAMS_FILE = "prompt-model.params";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What is stored next to the weights. */
    public record Descriptor(@JsonProperty("config") PromptModelConfig config,
                             @JsonProperty("maxAnswerTokens") int maxAnswerTokens,
                             @JsonProperty("vocabulary") Vocabulary vocabulary) {
    }

    private final NDManager manager;
    private final Descriptor descriptor;
    private final PromptModelBlock block;
    private final PromptEncoder encoder;

    private PromptModel(NDManager manager, Descriptor descriptor) {
        this.manager = manager;
        this.descriptor = descriptor;
        this.block = new PromptModelBlock(descriptor.config());
        this.encoder = new PromptEncoder(descriptor.vocabulary(), descriptor.config(), descriptor.maxAnswerTokens());
    }

    /** A freshly initialised model; the engine seed makes the initial weights reproducible. */
    public static PromptModel create(PromptModelConfig config, Vocabulary vocabulary, int maxAnswerTokens, long seed) {
        PromptModel model = new PromptModel(NDManager.newBaseManager(),
                new Descriptor(config.withVocabSize(vocabulary.size()), maxAnswerTokens, vocabulary));
        Engine.getInstance().setRandomSeed((int) seed);
        PromptModelConfig c = model.descriptor.config();
        Shape tokens = new Shape(1, c.maxSeqLen());
        model.block.initialize(model.manager, DataType.FLOAT32,
                tokens, new Shape(1, 3, c.imageSize(), c.imageSize()), tokens);
        return model;
    }

    public static PromptModel load(Path dir) {
        Path configFile = dir.resolve(CONFIG_FILE);
        Path paramsFile = dir.resolve(PARAMS_FILE);
        if (!Files.isRegularFile(configFile) || !Files.isRegularFile(paramsFile)) {
            throw new CaigException(dir + ": not a prompt model (expected " + CONFIG_FILE + " and " + PARAMS_FILE + ")");
        }
        Descriptor descriptor;
        try {
            descriptor = JSON.readValue(configFile.toFile(), Descriptor.class);
        } catch (IOException e) {
            throw new CaigException(dir + ": cannot load prompt model: " + e.getMessage(), e);
        }
        PromptModel model = new PromptModel(NDManager.newBaseManager(), descriptor);
        try {
            ModelFiles.readWeights(model.block, model.manager, paramsFile, dir + ": cannot load prompt model");
            return model;
        } catch (CaigException e) {
            model.close(); // frees the native arrays loaded so far
            throw e;
        }
    }

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(CONFIG_FILE).toFile(), descriptor);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(PARAMS_FILE))))) {
            block.saveParameters(out);
        }
    }

    /** A second, frozen copy of this model: the fixed reference of DPO/PCPO. */
    public PromptModel frozenCopy() throws IOException {
        Path tmp = Files.createTempDirectory("caig-reference");
        try {
            save(tmp);
            PromptModel copy = load(tmp);
            copy.block.freezeParameters(true);
            return copy;
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(tmp);
        }
    }

    public PromptModelBlock block() {
        return block;
    }

    public NDManager manager() {
        return manager;
    }

    public PromptEncoder encoder() {
        return encoder;
    }

    public Vocabulary vocabulary() {
        return descriptor.vocabulary();
    }

    public PromptModelConfig config() {
        return descriptor.config();
    }

    /** Next-token logits (B,T,V) of a batch (ids, slots, ...) with its images. */
    public NDArray logits(ParameterStore ps, NDArray ids, NDArray images, NDArray slots, boolean training) {
        return block.forward(ps, new NDList(ids, images, slots), training).head();
    }

    /**
     * Summed log-probability of each sequence's answer tokens given its instruction and image, (B). Arrays are
     * created in the manager of {@code images}.
     */
    public NDArray answerLogProb(ParameterStore ps, NDArray images, List<EncodedPrompt> sequences, boolean training) {
        NDList batch = PromptEncoder.batch(images.getManager(), sequences, 0);
        NDArray ids = batch.get(0);
        NDArray logits = logits(ps, ids, images, batch.get(1), training);
        return SequenceScores.answerLogProb(logits, ids, batch.get(2));
    }

    /**
     * Generates one answer per (image, instruction). Each sample draws from its own random source seeded by
     * {@code seeds[i]}, so an answer does not depend on what else is in the batch.
     *
     * @param images CHW pixel arrays (0..255) of side {@code config().imageSize()}
     */
    public List<String> generate(List<float[]> images, List<String> instructions, SamplingOptions options, long[] seeds) {
        int batch = images.size();
        List<EncodedPrompt> prompts = new ArrayList<>();
        for (String instruction : instructions) {
            prompts.add(encoder.encodePrompt(instruction));
        }
        int longestPrompt = prompts.stream().mapToInt(EncodedPrompt::length).max().orElse(0);
        int capacity = Math.min(config().maxSeqLen(), longestPrompt + options.maxNewTokens());
        int[][] tokens = new int[batch][capacity];
        int[][] slots = new int[batch][capacity];
        int[] lengths = new int[batch];
        boolean[] done = new boolean[batch];
        Random[] randoms = new Random[batch];
        for (int b = 0; b < batch; b++) {
            EncodedPrompt p = prompts.get(b);
            System.arraycopy(p.ids(), 0, tokens[b], 0, p.length());
            java.util.Arrays.fill(slots[b], -1);
            System.arraycopy(p.slots(), 0, slots[b], 0, p.length());
            lengths[b] = p.length();
            randoms[b] = new Random(seeds[b]);
        }
        int vocab = config().vocabSize();
        ParameterStore ps = new ParameterStore(manager, false);
        try (NoGrad ignored = NoGrad.enter(); NDManager step = manager.newSubManager()) {
            NDArray imageArray = ImageTensors.batch(step, images, config().imageSize(), config().imageSize());
            // The vision tower's output does not change between steps: compute it once (same values as per step).
            NDArray imageTokens = block.imageTokens(ps, imageArray, false);
            for (int produced = 0; produced < options.maxNewTokens(); produced++) {
                int current = java.util.Arrays.stream(lengths).max().orElse(0);
                if (current >= capacity || allDone(done)) {
                    break;
                }
                float[] logits;
                try (NDManager scratch = step.newSubManager()) {
                    NDArray ids = scratch.create(flatten(tokens, current), new Shape(batch, current));
                    NDArray slotArray = scratch.create(flatten(slots, current), new Shape(batch, current));
                    logits = block.forwardWithImageTokens(ps, ids, imageTokens, slotArray, false).head().toFloatArray();
                }
                for (int b = 0; b < batch; b++) {
                    if (done[b] || lengths[b] >= capacity) {
                        done[b] = true;
                        continue;
                    }
                    int offset = (b * current + lengths[b] - 1) * vocab;
                    if (options.describeBackground()) {
                        int start = prompts.get(b).length();
                        constrain(logits, offset, java.util.Arrays.copyOfRange(tokens[b], start, lengths[b]),
                                Math.min(capacity - lengths[b], options.maxNewTokens() - (lengths[b] - start)));
                    }
                    int token = TokenSampler.pick(logits, offset, vocab, options, randoms[b]);
                    tokens[b][lengths[b]++] = token;
                    done[b] = token == vocabulary().eos();
                }
            }
        }
        List<String> answers = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            int start = prompts.get(b).length();
            answers.add(vocabulary().decode(java.util.Arrays.copyOfRange(tokens[b], start, lengths[b])));
        }
        return answers;
    }

    /**
     * Masks the tokens that would make the answer ill-formed (DescriptionConstraint); when none of the allowed
     * tokens is in the vocabulary, only end-of-sequence stays, so an answer is cut rather than garbled.
     */
    private void constrain(float[] logits, int offset, int[] answer, int remaining) {
        List<String> words = vocabulary().words();
        List<String> so = new ArrayList<>(answer.length);
        for (int id : answer) {
            so.add(words.get(id));
        }
        java.util.Set<String> allowed = DescriptionConstraint.allowedNext(so, remaining);
        boolean any = false;
        for (int v = 0; v < words.size(); v++) {
            if (allowed.contains(words.get(v))) {
                any = true;
            } else {
                logits[offset + v] = Float.NEGATIVE_INFINITY;
            }
        }
        if (!any) {
            logits[offset + vocabulary().eos()] = 0f;
        }
    }

    private static boolean allDone(boolean[] done) {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }

    private static long[] flatten(int[][] rows, int length) {
        long[] out = new long[rows.length * length];
        for (int b = 0; b < rows.length; b++) {
            for (int t = 0; t < length; t++) {
                out[b * length + t] = rows[b][t];
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}

package dev.caig.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.text.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns (instruction, answer) texts into token sequences and batches them: the {@code <image>} placeholder in an
 * instruction expands into one slot per image token, so the projected image is spliced exactly where it stands.
 */
public final class PromptEncoder {
    private final Vocabulary vocabulary;
    private final PromptModelConfig config;
    private final int maxAnswerTokens;

    public PromptEncoder(Vocabulary vocabulary, PromptModelConfig config, int maxAnswerTokens) {
        this.vocabulary = vocabulary;
        this.config = config;
        this.maxAnswerTokens = maxAnswerTokens;
    }

    public int maxAnswerTokens() {
        return maxAnswerTokens;
    }

    /** Encodes an instruction alone, ending in {@code <sep>}: the start of a generation. */
    public EncodedPrompt encodePrompt(String instruction) {
        return encode(instruction, null);
    }

    /** Encodes instruction and answer; the answer is cut to {@code maxAnswerTokens} and closed with {@code <eos>}. */
    public EncodedPrompt encode(String instruction, String answer) {
        List<Integer> ids = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        ids.add(vocabulary.bos());
        slots.add(-1);
        int imagesSeen = 0;
        for (String word : Vocabulary.split(instruction)) {
            if (word.equals(Vocabulary.IMAGE)) {
                if (imagesSeen++ > 0) {
                    throw new IllegalArgumentException("instruction has more than one <image>: " + instruction);
                }
                for (int slot = 0; slot < config.imageTokens(); slot++) {
                    ids.add(vocabulary.image());
                    slots.add(slot);
                }
            } else {
                ids.add(vocabulary.id(word));
                slots.add(-1);
            }
        }
        if (imagesSeen == 0) {
            throw new IllegalArgumentException("instruction has no <image> placeholder: " + instruction);
        }
        ids.add(vocabulary.sep());
        slots.add(-1);
        int promptLength = ids.size();
        if (answer != null) {
            int[] answerIds = vocabulary.encode(answer);
            for (int i = 0; i < Math.min(answerIds.length, maxAnswerTokens); i++) {
                ids.add(answerIds[i]);
                slots.add(-1);
            }
            ids.add(vocabulary.eos());
            slots.add(-1);
        }
        if (ids.size() > config.maxSeqLen()) {
            throw new CaigException("prompt of " + ids.size() + " tokens exceeds the model's maxSeqLen "
                    + config.maxSeqLen() + ": shorten the title or raise promptModel.maxSeqLen");
        }
        int[] mask = new int[ids.size()];
        Arrays.fill(mask, promptLength, ids.size(), 1);
        return new EncodedPrompt(ids.stream().mapToInt(Integer::intValue).toArray(),
                slots.stream().mapToInt(Integer::intValue).toArray(), mask, promptLength);
    }

    /** Right-pads a batch to its longest sequence: (ids, slots) and the answer mask, as int64 / float arrays. */
    public static NDList batch(NDManager manager, List<EncodedPrompt> sequences, int padTo) {
        int length = Math.max(padTo, sequences.stream().mapToInt(EncodedPrompt::length).max().orElse(1));
        int batch = sequences.size();
        long[] ids = new long[batch * length];
        long[] slots = new long[batch * length];
        float[] mask = new float[batch * length];
        Arrays.fill(slots, -1);
        for (int b = 0; b < batch; b++) {
            EncodedPrompt s = sequences.get(b);
            for (int t = 0; t < s.length(); t++) {
                ids[b * length + t] = s.ids()[t];
                slots[b * length + t] = s.slots()[t];
                mask[b * length + t] = s.answerMask()[t];
            }
        }
        Shape shape = new Shape(batch, length);
        NDArray idArray = manager.create(ids, shape);
        NDArray slotArray = manager.create(slots, shape);
        NDArray maskArray = manager.create(mask, shape);
        return new NDList(idArray, slotArray, maskArray);
    }
}

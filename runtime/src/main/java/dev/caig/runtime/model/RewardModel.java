package dev.caig.runtime.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.caig.runtime.CaigException;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A reward model with its configuration: pair decisions (the paper's use), single-image scores (for ranking N
 * candidates), and save/load as {@code reward-model.json} + {@code reward-model.params}.
 *
 * <p>It may be an ensemble: members of one architecture trained on the same pairs from different seeds
 * ({@code reward.members}), saved as {@code reward-model.params} plus {@code reward-model.member-<k>.params}. Every
 * score and pair logit is then the members' mean. A policy tuned against one noisy model learns that model's
 * idiosyncrasies as well as the taste it shares with the market; members trained from other seeds err differently,
 * so their mean is a target that is harder to over-optimise (reward-model ensembles, Coste et al. 2023).
 */
public final class RewardModel implements AutoCloseable {
    public static final String CONFIG_FILE = "reward-model.json";
    public static final String PARAMS_FILE = "reward-model.params";
    /** CTR targets are multiplied by this (CTR in percent) so the MSE term is not negligible next to the CE term. */
    public static final float CTR_SCALE = 100f;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int BATCH = 32;
    private static final int MAX_TITLE_WORDS = 24;
    private java.util.Map<String, Integer> titleIds;

    private final NDManager manager;
    private final RewardModelBlock block;
    /** Every member's network, {@link #block} first (one for a single model); all of the same config. */
    private final List<RewardModelBlock> members = new ArrayList<>();

    private RewardModel(NDManager manager, RewardModelConfig config) {
        this.manager = manager;
        this.block = new RewardModelBlock(config);
        members.add(block);
    }

    /** File of ensemble member {@code k}: member 0 is {@link #PARAMS_FILE}, so a single model reads as it always did. */
    public static String memberParamsFile(int k) {
        return k == 0 ? PARAMS_FILE : "reward-model.member-" + k + ".params";
    }

    public static RewardModel create(RewardModelConfig config, long seed) {
        RewardModel model = new RewardModel(NDManager.newBaseManager(), config);
        Engine.getInstance().setRandomSeed((int) seed);
        model.block.initialize(model.manager, DataType.FLOAT32,
                new Shape(1, 3, config.imageSize(), 2L * config.imageSize()));
        return model;
    }

    public static RewardModel load(Path dir) {
        Path configFile = dir.resolve(CONFIG_FILE);
        Path paramsFile = dir.resolve(PARAMS_FILE);
        if (!Files.isRegularFile(configFile) || !Files.isRegularFile(paramsFile)) {
            throw new CaigException(dir + ": not a reward model (expected " + CONFIG_FILE + " and " + PARAMS_FILE + ")");
        }
        RewardModelConfig config;
        try {
            config = JSON.readValue(configFile.toFile(), RewardModelConfig.class);
        } catch (IOException e) {
            throw new CaigException(dir + ": cannot load reward model: " + e.getMessage(), e);
        }
        RewardModel model = new RewardModel(NDManager.newBaseManager(), config);
        try {
            ModelFiles.readWeights(model.block, model.manager, paramsFile, dir + ": cannot load reward model");
            for (int k = 1; Files.isRegularFile(dir.resolve(memberParamsFile(k))); k++) {
                RewardModelBlock member = new RewardModelBlock(config);
                ModelFiles.readWeights(member, model.manager, dir.resolve(memberParamsFile(k)),
                        dir + ": cannot load reward model member " + k);
                model.members.add(member);
            }
            return model;
        } catch (CaigException e) {
            model.close(); // frees the native arrays loaded so far
            throw e;
        }
    }

    /** Saves the configuration and every member's weights. */
    public void save(Path dir) throws IOException {
        saveAsMember(dir, 0);
        for (int k = 1; k < members.size(); k++) {
            writeParams(members.get(k), dir.resolve(memberParamsFile(k)));
        }
    }

    /**
     * Saves this single model as member {@code k} of an ensemble in {@code dir} (member 0 also writes the
     * configuration): the reward stage trains the members one after another and writes each as it finishes.
     */
    public void saveAsMember(Path dir, int k) throws IOException {
        Files.createDirectories(dir);
        if (k == 0) {
            JSON.writeValue(dir.resolve(CONFIG_FILE).toFile(), block.config());
        }
        writeParams(block, dir.resolve(memberParamsFile(k)));
    }

    private static void writeParams(RewardModelBlock member, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            member.saveParameters(out);
        }
    }

    /** Number of ensemble members; 1 for a single model. */
    public int members() {
        return members.size();
    }

    /** The (first) member's network: what training updates. A model being trained is always a single member. */
    public RewardModelBlock block() {
        return block;
    }

    /** Freezes every member's weights (serving). */
    public void freeze() {
        members.forEach(member -> member.freezeParameters(true));
    }

    public NDManager manager() {
        return manager;
    }

    public int imageSize() {
        return block.config().imageSize();
    }

    public RewardModelConfig config() {
        return block.config();
    }

    /**
     * (class logits (B,2), rescaled CTRs (B,2)) of side-by-side pair images (B,3,S,2S) and their products' title ids
     * (B,L) from {@link #titleBatch}, or null for no titles. The first member's: for training, which is always of one
     * member; {@link #meanPairLogits} is the whole model's decision.
     */
    public NDList forwardPairs(ParameterStore ps, NDArray pairImages, NDArray titles, boolean training) {
        return block.forward(ps, titles == null ? new NDList(pairImages) : new NDList(pairImages, titles), training);
    }

    /** Title word ids (B, L) for the model's title vocabulary; unknown words dropped, 0 pads. Null if the model reads no titles. */
    public NDArray titleBatch(NDManager target, List<String> titles) {
        if (!block.config().readsTitles() || titles == null) {
            return null;
        }
        java.util.Map<String, Integer> ids = titleIds();
        List<long[]> rows = new ArrayList<>();
        int length = 1;
        for (String title : titles) {
            long[] row = dev.caig.runtime.text.Vocabulary.split(title == null ? "" : title).stream()
                    .filter(ids::containsKey).limit(MAX_TITLE_WORDS).mapToLong(ids::get).toArray();
            rows.add(row);
            length = Math.max(length, row.length);
        }
        long[] flat = new long[titles.size() * length];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, flat, i * length, rows.get(i).length);
        }
        return target.create(flat, new Shape(titles.size(), length));
    }

    private java.util.Map<String, Integer> titleIds() {
        if (titleIds == null) {
            java.util.Map<String, Integer> ids = new java.util.HashMap<>();
            List<String> words = block.config().titleWords();
            for (int i = 0; i < words.size(); i++) {
                ids.put(words.get(i), i + 1);
            }
            titleIds = ids;
        }
        return titleIds;
    }

    /** The left|right image the model reads, each half resized to the model's input size. */
    public BufferedImage sideBySide(BufferedImage left, BufferedImage right) {
        int s = imageSize();
        BufferedImage pair = new BufferedImage(2 * s, s, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = pair.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(left, 0, 0, s, s, null);
        g.drawImage(right, s, 0, s, s, null);
        g.dispose();
        return pair;
    }

    /** Resizes any pair image (e.g. the paper's 1024x512 test-set PNGs) to this model's (2S x S) input. */
    public BufferedImage fitPair(BufferedImage pair) {
        int s = imageSize();
        if (pair.getWidth() == 2 * s && pair.getHeight() == s && pair.getType() == BufferedImage.TYPE_INT_RGB) {
            return pair;
        }
        BufferedImage out = new BufferedImage(2 * s, s, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(pair, 0, 0, 2 * s, s, null);
        g.dispose();
        return out;
    }

    /** Pair class logits [left, right] per pair image, without titles (the paper's test-set format). */
    public float[][] pairLogits(List<BufferedImage> pairImages) {
        return pairLogits(pairImages, null);
    }

    /** Pair class logits [left, right] per pair image; left wins iff logits[0] >= logits[1] (ties go left). */
    public float[][] pairLogits(List<BufferedImage> pairImages, List<String> titles) {
        int s = imageSize();
        float[][] out = new float[pairImages.size()][];
        ParameterStore ps = new ParameterStore(manager, false);
        for (int from = 0; from < pairImages.size(); from += BATCH) {
            // one batch's tensors at a time: a whole test set's would need 96 KB per pair at 64 px
            List<float[]> slice = new ArrayList<>();
            for (BufferedImage pair : pairImages.subList(from, Math.min(pairImages.size(), from + BATCH))) {
                slice.add(ImageTensors.chw(fitPair(pair), 2 * s, s));
            }
            try (NoGrad ignored = NoGrad.enter(); NDManager scratch = manager.newSubManager()) {
                NDArray titleIds = titleBatch(scratch, titles == null ? null : titles.subList(from, from + slice.size()));
                float[] logits = meanOverMembers(ps, ImageTensors.batch(scratch, slice, s, 2 * s), titleIds);
                for (int i = 0; i < slice.size(); i++) {
                    out[from + i] = new float[] {logits[2 * i], logits[2 * i + 1]};
                }
            }
        }
        return out;
    }

    /** For each pair, 0 when the left image is preferred, 1 when the right one is (ties go left, as in the paper). */
    public int[] prefer(List<BufferedImage> lefts, List<BufferedImage> rights) {
        return prefer(lefts, rights, null);
    }

    /** As {@link #prefer(List, List)}, each pair with its product's title. */
    public int[] prefer(List<BufferedImage> lefts, List<BufferedImage> rights, List<String> titles) {
        List<BufferedImage> pairs = new ArrayList<>();
        for (int i = 0; i < lefts.size(); i++) {
            pairs.add(sideBySide(lefts.get(i), rights.get(i)));
        }
        float[][] logits = pairLogits(pairs, titles);
        int[] out = new int[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i][0] >= logits[i][1] ? 0 : 1;
        }
        return out;
    }

    /** One scalar per image, without titles. */
    public float[] scores(List<BufferedImage> images) {
        return scores(images, null);
    }

    /** One scalar per image, the logit the pair decision compares: higher is better. For ranking N candidates. */
    public float[] scores(List<BufferedImage> images, List<String> titles) {
        int s = imageSize();
        float[] out = new float[images.size()];
        ParameterStore ps = new ParameterStore(manager, false);
        for (int from = 0; from < images.size(); from += BATCH) {
            List<float[]> slice = new ArrayList<>();
            for (BufferedImage image : images.subList(from, Math.min(images.size(), from + BATCH))) {
                slice.add(ImageTensors.rgb(image, s));
            }
            try (NoGrad ignored = NoGrad.enter(); NDManager scratch = manager.newSubManager()) {
                NDArray images4 = ImageTensors.batch(scratch, slice, s, s);
                NDArray titleIds = titleBatch(scratch, titles == null ? null : titles.subList(from, from + slice.size()));
                float[] scores = meanOverMembers(ps, images4, titleIds);
                System.arraycopy(scores, 0, out, from, slice.size());
            }
        }
        return out;
    }

    /** Class logits [left, right] of a batch of pair images (B*2 floats), the mean over the members; no gradients. */
    public float[] meanPairLogits(ParameterStore ps, NDArray pairImages, NDArray titles) {
        return meanOverMembers(ps, pairImages, titles);
    }

    /** The members' mean first output (pair logits or single-image scores) for one batch, as floats. */
    private float[] meanOverMembers(ParameterStore ps, NDArray images, NDArray titleIds) {
        NDList input = titleIds == null ? new NDList(images) : new NDList(images, titleIds);
        NDArray sum = null;
        for (RewardModelBlock member : members) {
            NDArray out = member.forward(ps, input, false).head();
            sum = sum == null ? out : sum.add(out);
        }
        return members.size() == 1 ? sum.toFloatArray() : sum.div(members.size()).toFloatArray();
    }

    @Override
    public void close() {
        manager.close();
    }
}

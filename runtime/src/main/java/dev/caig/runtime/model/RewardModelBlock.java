package dev.caig.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The reward model. Its input is the paper's: two ad images of the same product side by side, (B,3,S,2S), left |
 * right. A convolutional trunk reads each half with shared weights and pools its grid of cell features (see
 * {@link RewardModelConfig#pooling()}); a score head turns each half into one logit and a CTR head into one
 * (rescaled) CTR. Outputs: class logits (B,2) = [left, right] and CTRs (B,2).
 *
 * <p>Optionally the model also reads the product title (the issue allows "+ title tokens"): a bag-of-words
 * embedding of the title is concatenated to each half's image features, so the heads can learn which scenes suit
 * which kind of product. Title ids (B,L) int64, 0 = padding, come as a second input.
 *
 * <p>Sharing the trunk between the halves makes the model exactly antisymmetric: swapping the sides swaps the
 * logits, so the decision flips with the label (the paper's RM learns this from randomised sides). It also gives
 * every single image a scalar score, the same logit, used to rank N candidates at serving time: feed a (B,3,S,S)
 * batch and the outputs are (B,1) scores and CTRs.
 */
public final class RewardModelBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final RewardModelConfig config;
    private final SequentialBlock trunk;
    private final Linear scoreHead;
    private final Linear ctrHead;
    private final ai.djl.nn.transformer.IdEmbedding titleEmbedding;
    private final SequentialBlock mixer;
    private final Linear sceneHead;

    public RewardModelBlock(RewardModelConfig config) {
        super(VERSION);
        this.config = config;
        int c = config.channels();
        int cells = config.imageSize() / 16;
        if (cells < 1) {
            throw new IllegalArgumentException("reward model imageSize must be at least 16, got " + config.imageSize());
        }
        // Both trunks end on the same grid of imageSize/16 cells a side, so both poolings read them alike: flattening
        // cell by cell, region pooling as centre (product) and border (background) means.
        SequentialBlock convs = config.trunk().equals(RewardModelConfig.CONV_TRUNK) ? overlappingConvs(c) : patchConvs(c);
        if (config.pooling().equals(RewardModelConfig.REGIONS)) {
            convs.add(RewardModelBlock::centreAndBorderMeans).add(new ProductSceneInteraction(config.hidden()));
        } else {
            convs.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(config.hidden()).build()).add(Activation::relu);
        }
        trunk = addChildBlock("trunk", convs);
        if (config.readsTitles()) {
            titleEmbedding = addChildBlock("titleEmbedding", new ai.djl.nn.transformer.IdEmbedding.Builder()
                    .setDictionarySize(config.titleVocabularySize()).setEmbeddingSize(config.titleDim()).build());
            mixer = addChildBlock("mixer", new SequentialBlock()
                    .add(Linear.builder().setUnits(config.hidden()).build()).add(Activation::relu));
        } else {
            titleEmbedding = null;
            mixer = null;
        }
        scoreHead = addChildBlock("scoreHead", Linear.builder().setUnits(1).build());
        ctrHead = addChildBlock("ctrHead", Linear.builder().setUnits(1).build());
        // reads the image features alone (before the title): what the picture shows, not what sells
        sceneHead = config.sceneValues() > 0
                ? addChildBlock("sceneHead", Linear.builder().setUnits(config.sceneValues()).build()) : null;
    }

    /**
     * (N,C,G,G) cell features -> (N,2C): the mean over the centre cells, where the laid-out product sits, and the
     * mean over the border cells, mostly background. With a grid under 4 cells a side all cells count as both.
     */
    static NDList centreAndBorderMeans(NDList in) {
        NDArray grid = in.head();
        long g = grid.getShape().get(2);
        NDArray all = grid.sum(new int[] {2, 3});
        if (g < 4) {
            NDArray mean = all.div(g * g);
            return new NDList(mean.concat(mean, 1));
        }
        long from = g / 4, to = g - g / 4;
        NDArray centre = grid.get(":, :, " + from + ":" + to + ", " + from + ":" + to).sum(new int[] {2, 3});
        long centreCells = (to - from) * (to - from);
        NDArray border = all.sub(centre).div(g * g - centreCells);
        return new NDList(centre.div(centreCells).concat(border, 1));
    }

    /**
     * Non-overlapping patch convolutions (kernel == stride). The first trunk of this model: an earlier build saw NaN
     * gradients from overlapping convolutions on the CPU under GC pressure, which {@code RewardModelStabilityTest}
     * now checks for both trunks.
     */
    private static SequentialBlock patchConvs(int c) {
        return new SequentialBlock()
                .add(patchConv(c, 4)).add(Activation::relu)
                .add(patchConv(2 * c, 2)).add(Activation::relu)
                .add(patchConv(4 * c, 2)).add(Activation::relu)
                .add(patchConv(4 * c, 1)).add(Activation::relu);
    }

    /** Four 3x3 convolutions of stride 2 (padding 1): each cell's field overlaps its neighbours'. */
    private static SequentialBlock overlappingConvs(int c) {
        SequentialBlock convs = new SequentialBlock();
        for (int filters : new int[] {c, 2 * c, 4 * c, 4 * c}) {
            convs.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1)).setFilters(filters).build()).add(Activation::relu);
        }
        return convs;
    }

    private static Conv2d patchConv(int filters, int patch) {
        return Conv2d.builder().setKernelShape(new Shape(patch, patch)).optStride(new Shape(patch, patch))
                .setFilters(filters).build();
    }

    public RewardModelConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray images = inputs.head();
        long batch = images.getShape().get(0);
        long height = images.getShape().get(2);
        long width = images.getShape().get(3);
        NDArray titles = inputs.size() > 1 ? inputs.get(1) : null;
        if (width == height) {
            NDArray features = withTitle(ps, trunk.forward(ps, new NDList(images), training).head(), titles, training);
            return new NDList(scoreHead.forward(ps, new NDList(features), training).head(),
                    ctrHead.forward(ps, new NDList(features), training).head());
        }
        NDArray halves = images.get(":, :, :, :" + height).concat(images.get(":, :, :, " + height + ":"), 0);
        NDArray pairTitles = titles == null ? null : titles.concat(titles, 0);
        NDArray seen = trunk.forward(ps, new NDList(halves), training).head();
        NDArray features = withTitle(ps, seen, pairTitles, training); // (2B, F)
        NDArray scores = scoreHead.forward(ps, new NDList(features), training).head().reshape(2, batch).transpose();
        NDArray ctrs = ctrHead.forward(ps, new NDList(features), training).head().reshape(2, batch).transpose();
        if (sceneHead == null) {
            return new NDList(scores, ctrs);
        }
        // (2B, V): the left halves' rows first, then the right halves'
        return new NDList(scores, ctrs, sceneHead.forward(ps, new NDList(seen), training).head());
    }

    /** Image features mixed with the mean embedding of the title's words (no title words: a zero embedding). */
    private NDArray withTitle(ParameterStore ps, NDArray features, NDArray titles, boolean training) {
        if (mixer == null) {
            return features;
        }
        NDArray ids = titles != null ? titles
                : features.getManager().zeros(new Shape(features.getShape().get(0), 1), DataType.INT64);
        NDArray present = ids.gt(0).toType(DataType.FLOAT32, false).expandDims(2);
        NDArray embedded = titleEmbedding.forward(ps, new NDList(ids), training).head().mul(present);
        NDArray title = embedded.sum(new int[] {1}).div(present.sum(new int[] {1}).maximum(1f));
        return mixer.forward(ps, new NDList(features.concat(title, 1)), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long outputs = in.get(3) == in.get(2) ? 1 : 2;
        if (sceneHead != null && outputs == 2) {
            return new Shape[] {new Shape(in.get(0), 2), new Shape(in.get(0), 2),
                    new Shape(2 * in.get(0), config.sceneValues())};
        }
        return new Shape[] {new Shape(in.get(0), outputs), new Shape(in.get(0), outputs)};
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape half = new Shape(inputShapes[0].get(0), 3, config.imageSize(), config.imageSize());
        trunk.initialize(manager, dataType, half);
        Shape features = trunk.getOutputShapes(new Shape[] {half})[0];
        if (sceneHead != null) {
            sceneHead.initialize(manager, dataType, features);
        }
        if (mixer != null) {
            titleEmbedding.initialize(manager, dataType, new Shape(inputShapes[0].get(0), 4));
            mixer.initialize(manager, dataType, new Shape(inputShapes[0].get(0), features.get(1) + config.titleDim()));
            features = new Shape(inputShapes[0].get(0), config.hidden());
        }
        scoreHead.initialize(manager, dataType, features);
        ctrHead.initialize(manager, dataType, features);
    }
}

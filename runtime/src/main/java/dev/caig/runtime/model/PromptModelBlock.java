package dev.caig.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * The prompt model, a LLaVA-shaped multimodal decoder at small scale: patch image encoder, 2-layer GELU projector,
 * and a causal decoder-only transformer. Projected image tokens are spliced into the token sequence where the
 * {@code <image>} placeholders stand.
 *
 * <p>Inputs: token ids (B,T) int64; images (B,3,S,S) float; image slots (B,T) int64, the index of the image token
 * that fills each position, or -1 for a text position. Output: next-token logits (B,T,V).
 */
public final class PromptModelBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final PromptModelConfig config;
    private final IdEmbedding tokenEmbedding;
    private final Parameter position;
    private final PatchImageEncoder imageEncoder;
    private final SequentialBlock projector;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear lmHead;

    public PromptModelBlock(PromptModelConfig config) {
        super(VERSION);
        this.config = config;
        int dim = config.embedDim();
        tokenEmbedding = addChildBlock("tokenEmbedding", new IdEmbedding.Builder()
                .setDictionarySize(config.vocabSize()).setEmbeddingSize(dim).build());
        position = addParameter(Parameter.builder().setName("position").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, config.maxSeqLen(), dim)).optInitializer(new NormalInitializer(0.02f)).build());
        imageEncoder = addChildBlock("imageEncoder",
                new PatchImageEncoder(config.imageSize(), config.patchSize(), dim, config.heads()));
        projector = addChildBlock("projector", new SequentialBlock()
                .add(Linear.builder().setUnits(dim).build())
                .add(Activation::gelu)
                .add(Linear.builder().setUnits(dim).build()));
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("layer" + i, new TransformerLayer(dim, config.heads())));
        }
        finalNorm = addChildBlock("finalNorm", LayerNorm.builder().axis(2).build());
        lmHead = addChildBlock("lmHead", Linear.builder().setUnits(config.vocabSize()).build());
    }

    public PromptModelConfig config() {
        return config;
    }

    /** The vision tower and projector: frozen during PCPO, as in the paper. */
    public List<ai.djl.nn.Block> visionBlocks() {
        return List.of(imageEncoder, projector);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return forwardWithImageTokens(ps, inputs.get(0), imageTokens(ps, inputs.get(1), training), inputs.get(2), training);
    }

    /** The projected image tokens (B, imageTokens, E) of images (B,3,S,S): the same for every step of a generation. */
    public NDArray imageTokens(ParameterStore ps, NDArray images, boolean training) {
        return Rows.apply(projector, ps, imageEncoder.forward(ps, new NDList(images), training).head(), training);
    }

    /**
     * The forward pass after the vision tower: token ids (B,T) and image slots (B,T) with already projected image
     * tokens. Generation computes the image tokens once and calls this per step, with the same result as forward.
     */
    public NDList forwardWithImageTokens(ParameterStore ps, NDArray ids, NDArray imageTokens, NDArray slots,
                                         boolean training) {
        long batch = ids.getShape().get(0);
        long length = ids.getShape().get(1);
        int dim = config.embedDim();

        NDArray text = tokenEmbedding.forward(ps, new NDList(ids), training).head();
        NDArray isImage = slots.gte(0).toType(DataType.FLOAT32, false).expandDims(2);
        NDArray slotIndex = slots.maximum(0).expandDims(2).broadcast(new Shape(batch, length, dim));
        NDArray spliced = imageTokens.gather(slotIndex, 1);
        NDArray x = text.mul(isImage.neg().add(1f)).add(spliced.mul(isImage));
        // Sliced into the batch's manager: a plain get() would attach the slice to the weights' manager, which
        // lives as long as the model, leaking one array per forward pass.
        x = x.add(ps.getValue(position, ids.getDevice(), training)
                .get(ids.getManager(), new ai.djl.ndarray.index.NDIndex(":, :" + length)));

        NDArray mask = TransformerLayer.additiveMask(causalMask(ids.getManager(), batch, length));
        for (TransformerLayer layer : layers) {
            x = layer.forward(ps, new NDList(x, mask), training).head();
        }
        x = finalNorm.forward(ps, new NDList(x), training).head();
        return new NDList(Rows.apply(lmHead, ps, x, training));
    }

    /** (B,T,T) mask with 1 where a query position may attend to a key position (itself and earlier ones). */
    static NDArray causalMask(NDManager manager, long batch, long length) {
        NDArray positions = manager.arange(length);
        NDArray allowed = positions.expandDims(1).gte(positions.expandDims(0));
        return allowed.expandDims(0).broadcast(new Shape(batch, length, length));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {new Shape(ids.get(0), ids.get(1), config.vocabSize())};
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        Shape hidden = new Shape(ids.get(0), ids.get(1), config.embedDim());
        tokenEmbedding.initialize(manager, dataType, ids);
        imageEncoder.initialize(manager, dataType, inputShapes[1]);
        projector.initialize(manager, dataType, new Shape(ids.get(0), config.imageTokens(), config.embedDim()));
        for (TransformerLayer layer : layers) {
            layer.initialize(manager, dataType, hidden, new Shape(ids.get(0), ids.get(1), ids.get(1)));
        }
        finalNorm.initialize(manager, dataType, hidden);
        lmHead.initialize(manager, dataType, hidden);
    }
}

package dev.caig.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.PointwiseFeedForwardBlock;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.List;

/**
 * One pre-LayerNorm transformer layer: {@code x + attn(LN(x), mask)}, then {@code x + ffn(LN(x))}. Inputs are
 * (B,T,E) embeddings and optionally an attention mask, either (B,T,T) with 1 where a query may attend to a key, or
 * that mask's {@link #additiveMask additive form} (made once and shared by all layers of a stack). A causal mask
 * makes it a decoder layer, no mask an encoder layer. Built from DJL's blocks because DJL's TransformerEncoderBlock
 * uses BatchNorm and no mask.
 */
public final class TransformerLayer extends AbstractBlock {
    private static final byte VERSION = 1;

    private final LayerNorm attentionNorm;
    private final ScaledDotProductAttentionBlock attention;
    private final LayerNorm feedForwardNorm;
    private final PointwiseFeedForwardBlock feedForward;

    public TransformerLayer(int embedDim, int heads) {
        super(VERSION);
        attentionNorm = addChildBlock("attentionNorm", LayerNorm.builder().axis(2).build());
        attention = addChildBlock("attention", ScaledDotProductAttentionBlock.builder()
                .setEmbeddingSize(embedDim).setHeadCount(heads).optAttentionProbsDropoutProb(0f).build());
        feedForwardNorm = addChildBlock("feedForwardNorm", LayerNorm.builder().axis(2).build());
        feedForward = addChildBlock("feedForward",
                new PointwiseFeedForwardBlock(List.of(4 * embedDim), embedDim, Activation::gelu));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray normed = attentionNorm.forward(ps, new NDList(x), training).head();
        NDList attentionInputs = inputs.size() > 1 ? new NDList(normed, inputs.get(1)) : new NDList(normed);
        x = x.add(attention.forward(ps, attentionInputs, training).head());
        normed = feedForwardNorm.forward(ps, new NDList(x), training).head();
        x = x.add(Rows.apply(feedForward, ps, normed, training));
        return new NDList(x);
    }

    /**
     * The (B,1,T,T) additive form of a (B,T,T) 0/1 attention mask: 0 where attention is allowed, -100000 where not,
     * computed as DJL's attention block would compute it from the 0/1 mask in every layer.
     */
    public static NDArray additiveMask(NDArray mask) {
        Shape shape = mask.getShape();
        return mask.reshape(shape.get(0), 1, shape.get(1), shape.get(2)).toType(DataType.FLOAT32, false)
                .neg().add(1f).mul(-100000f);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        attentionNorm.initialize(manager, dataType, x);
        attention.initialize(manager, dataType, x, inputShapes[1]);
        feedForwardNorm.initialize(manager, dataType, x);
        feedForward.initialize(manager, dataType, x);
    }
}

package dev.caig.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The prompt model's vision tower: a ViT-style patch encoder. A strided convolution cuts the (B,3,S,S) image into
 * (S/p)^2 patch embeddings, a learned position embedding is added, and one bidirectional transformer layer mixes
 * them. Output: (B, P, E) image tokens.
 */
public final class PatchImageEncoder extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int embedDim;
    private final int patches;
    private final Conv2d patchEmbedding;
    private final Parameter position;
    private final TransformerLayer mixer;

    public PatchImageEncoder(int imageSize, int patchSize, int embedDim, int heads) {
        super(VERSION);
        this.embedDim = embedDim;
        int side = imageSize / patchSize;
        this.patches = side * side;
        patchEmbedding = addChildBlock("patchEmbedding", Conv2d.builder()
                .setKernelShape(new Shape(patchSize, patchSize)).optStride(new Shape(patchSize, patchSize))
                .setFilters(embedDim).build());
        position = addParameter(Parameter.builder().setName("position").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, patches, embedDim)).optInitializer(new NormalInitializer(0.02f)).build());
        mixer = addChildBlock("mixer", new TransformerLayer(embedDim, heads));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray images = inputs.head();
        long batch = images.getShape().get(0);
        NDArray grid = patchEmbedding.forward(ps, new NDList(images), training).head(); // (B, E, s, s)
        NDArray tokens = grid.reshape(batch, embedDim, patches).transpose(0, 2, 1);
        tokens = tokens.add(ps.getValue(position, images.getDevice(), training));
        return mixer.forward(ps, new NDList(tokens), training); // no mask: every patch sees every patch
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), patches, embedDim)};
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        patchEmbedding.initialize(manager, dataType, inputShapes[0]);
        Shape tokens = new Shape(inputShapes[0].get(0), patches, embedDim);
        mixer.initialize(manager, dataType, tokens, new Shape(inputShapes[0].get(0), patches, patches));
    }
}

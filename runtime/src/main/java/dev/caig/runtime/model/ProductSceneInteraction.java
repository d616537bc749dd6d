package dev.caig.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The reward model's reading of a creative from its centre (product) and border (background) features, (N,2C) ->
 * (N,2H): an MLP over both, beside a low-rank bilinear term {@code (P centre) * (S border)}. Whether a scene earns
 * clicks depends on the kind of product in it (a beach helps a drink and hurts a lamp); a product-times-scene term
 * states that directly, where a ReLU layer over the concatenation would have to discover it from noisy clicks.
 */
final class ProductSceneInteraction extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int hidden;
    private final Linear mlp;
    private final Linear product;
    private final Linear scene;

    ProductSceneInteraction(int hidden) {
        super(VERSION);
        this.hidden = hidden;
        mlp = addChildBlock("mlp", Linear.builder().setUnits(hidden).build());
        product = addChildBlock("product", Linear.builder().setUnits(hidden).build());
        scene = addChildBlock("scene", Linear.builder().setUnits(hidden).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray regions = inputs.head();
        long c = regions.getShape().get(1) / 2;
        NDArray centre = regions.get(":, :" + c);
        NDArray border = regions.get(":, " + c + ":");
        NDArray dense = Activation.relu(mlp.forward(ps, new NDList(regions), training).head());
        NDArray interaction = product.forward(ps, new NDList(centre), training).head()
                .mul(scene.forward(ps, new NDList(border), training).head());
        return new NDList(dense.concat(interaction, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 2L * hidden)};
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        long c = inputShapes[0].get(1) / 2;
        mlp.initialize(manager, dataType, inputShapes[0]);
        product.initialize(manager, dataType, new Shape(batch, c));
        scene.initialize(manager, dataType, new Shape(batch, c));
    }
}

package dev.uniworld.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * fc2(act(fc1(x))), [..., in] -> [..., out]: the MLP of ViT and FLUX blocks (GELU), UniWorld's connectors
 * (Linear -> SiLU -> Linear into the DiT context width) and FLUX's embedders of timestep, guidance and pooled vector.
 */
public final class TwoLayerMlp extends ModelBlock {

    /** The non-linearity between the two layers. */
    public enum Activation {
        GELU(Ops::gelu), SILU(Ops::silu);

        private final UnaryOperator<NDArray> function;

        Activation(UnaryOperator<NDArray> function) {
            this.function = function;
        }
    }

    private final LinearLayer fc1;
    private final LinearLayer fc2;
    private final Activation activation;

    public TwoLayerMlp(long in, long hidden, long out, Activation activation) {
        this("fc1", "fc2", in, hidden, out, activation);
    }

    /** With the two layers' parameter names of the checkpoint format it mirrors (FLUX: in_layer, out_layer). */
    public TwoLayerMlp(String firstName, String secondName, long in, long hidden, long out, Activation activation) {
        this.activation = activation;
        fc1 = addChildBlock(firstName, new LinearLayer(in, hidden, true));
        fc2 = addChildBlock(secondName, new LinearLayer(hidden, out, true));
    }

    public NDArray forward(ParameterStore store, NDArray x, boolean training) {
        return fc2.forward(store, activation.function.apply(fc1.forward(store, x, training)), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(forward(store, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return fc2.getOutputShapes(inputShapes);
    }
}

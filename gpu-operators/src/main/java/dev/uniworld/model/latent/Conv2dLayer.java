package dev.uniworld.model.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.nn.ModelBlock;

/**
 * A square 2-D convolution with symmetric padding. [B, in, H, W] -> [B, out, H', W'] with H' = (H + 2 pad - k) / stride
 * + 1. The weight is stored [out, in * k * k], PyTorch's [out, in, k, k] flattened, so that the seeded initializer's
 * fan-in (the last axis) is the convolution's and a PyTorch weight maps to it by a reshape.
 */
public final class Conv2dLayer extends ModelBlock {

    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    public Conv2dLayer(int in, int out, int kernel, int stride, int padding) {
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.weight = weight("weight", out, (long) in * kernel * kernel);
        this.bias = bias("bias", out);
    }

    /** [B, in, H, W] -> [B, out, H', W']. */
    public NDArray forward(ParameterStore store, NDArray x, boolean training) {
        NDArray w = value(store, weight, x, training).reshape(out, in, kernel, kernel);
        NDArray b = value(store, bias, x, training);
        return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(forward(store, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, side(s.get(2)), side(s.get(3)))};
    }

    private long side(long inputSide) {
        return (inputSide + 2L * padding - kernel) / stride + 1;
    }
}

package dev.uniworld.model.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.nn.ModelBlock;

/**
 * A square 2-D convolution with symmetric padding. [B, in, H, W] -> [B, out, H', W'] with H' = (H + 2 pad - k) / stride
 * + 1. The weight is stored [out, in * k * k], PyTorch's [out, in, k, k] flattened, so that the seeded initializer's
 * fan-in (the last axis) is the convolution's and a PyTorch weight maps to it by a reshape.
 *
 * <p>It is computed as one matrix product over the k x k shifted views of the input (im2col), not by the engine's
 * convolution: on the AVX-512 AMD EPYC this project trains on, PyTorch 2.7.1's native CPU kernel often returns a wrong
 * gradient with respect to the input, at times NaN (its forward pass agreed with this one in 100 of 100 draws), which
 * made the autoencoder's training diverge at a random step. Slices, a stack and a matrix product have well-tested
 * gradients; the cost is k^2 copies of the input, small at the autoencoder's sizes.
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
        long batch = x.getShape().get(0);
        long rows = side(x.getShape().get(2));
        long columns = side(x.getShape().get(3));
        // zeros around the two spatial axes (the padding shape lists the last axis first)
        NDArray padded = padding == 0 ? x : x.pad(new Shape(padding, padding, padding, padding), 0);
        NDList taps = new NDList(kernel * kernel);
        for (int i = 0; i < kernel; i++) {
            for (int j = 0; j < kernel; j++) {
                // the input under kernel tap (i, j) at every output position: [B, in, H', W']
                taps.add(padded.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}", i, i + stride * (rows - 1) + 1, stride,
                        j, j + stride * (columns - 1) + 1, stride)));
            }
        }
        // [B, in, k * k, H', W'] -> [B, in * k * k, H' W'], ordered (channel, tap) as the weight's last axis
        NDArray patches = NDArrays.stack(taps, 2).reshape(batch, (long) in * kernel * kernel, rows * columns);
        NDArray w = value(store, weight, x, training); // [out, in * k * k]
        NDArray b = value(store, bias, x, training).reshape(1, out, 1);
        return w.matMul(patches).add(b).reshape(batch, out, rows, columns); // [B, out, H' W'] -> [B, out, H', W']
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

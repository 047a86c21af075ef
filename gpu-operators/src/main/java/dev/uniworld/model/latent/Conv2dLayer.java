package dev.uniworld.model.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.nn.GradientTape;
import dev.uniworld.model.nn.ModelBlock;

/**
 * A square 2-D convolution with symmetric padding. [B, in, H, W] -> [B, out, H', W'] with H' = (H + 2 pad - k) / stride
 * + 1. The weight is stored [out, in * k * k], PyTorch's [out, in, k, k] flattened, so that the seeded initializer's
 * fan-in (the last axis) is the convolution's and a PyTorch weight maps to it by a reshape.
 *
 * <p>While a gradient is being recorded (inside a {@code GradientCollector}) it is computed as matrix products over
 * the k x k shifted views of the input (im2col), not by the engine's convolution: on the AVX-512 AMD EPYC this project
 * trains on, PyTorch 2.7.1's oneDNN kernels return a wrong gradient with respect to the input, at times NaN (right when
 * {@code ONEDNN_MAX_CPU_ISA=SSE41} holds oneDNN to SSE4.1, wrong at AVX2 and above), which made the autoencoder's
 * training diverge at a random step. Slices, a stack and a matrix product have well-tested gradients; the cost is k^2
 * copies of the input and time (the autoencoder's 2000 steps at batch 16 took 9.8 min here; the first latent run's,
 * through the engine's kernel on an earlier machine, 3.5 min). Otherwise (frozen encoders outside the gradient tape,
 * evaluation) the engine's kernel runs, whose forward pass agreed with this one in 100 of 100 draws (a probe outside
 * the project). Pipeline stages pause recording around their model calls ({@link GradientTape}), so serving takes the
 * engine's kernel too.
 */
public final class Conv2dLayer extends ModelBlock {

    /**
     * Most bytes of input patches built at once: the batch is split into chunks of at most this, since the native
     * allocator maps larger buffers afresh and page-faults them in every call (about 160 ms for 75 MB here, against
     * 8 ms for the same bytes in 4.7 MB pieces). In a probe outside the project, beside a training run, a training step
     * of a width-16 autoencoder at batch 16 took 1.2 s with chunks of this size and 6.1 s with the batch in one piece.
     */
    static final long CHUNK_BYTES = 8L << 20;

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

    /**
     * [B, in, H, W] -> [B, out, H', W']. Every array made here belongs to the input's manager: an operation called on a
     * parameter would put its result (and, in training, the graph behind it) in the model's, which is never closed.
     */
    public NDArray forward(ParameterStore store, NDArray x, boolean training) {
        NDArray w = value(store, weight, x, training); // [out, in * k * k]
        NDArray b = value(store, bias, x, training); // [out]
        if (GradientTape.isRecording()) {
            return viaPatches(x, w, b);
        }
        NDArray kernels = w.reshape(out, in, kernel, kernel);
        kernels.attach(x.getManager());
        return Conv2d.conv2d(x, kernels, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /** The convolution as matrix products over patches: its gradients come from slices, a stack and products. */
    private NDArray viaPatches(NDArray x, NDArray w, NDArray b) {
        long batch = x.getShape().get(0);
        long rows = side(x.getShape().get(2));
        long columns = side(x.getShape().get(3));
        long perSample = (long) in * kernel * kernel * rows * columns * Float.BYTES;
        long chunk = Math.max(1, CHUNK_BYTES / perSample);
        NDList products = new NDList();
        for (NDArray samples : chunk >= batch ? new NDList(x) : x.split(chunkStarts(batch, chunk), 0)) {
            // [b, H' W', in * k * k] x [out, in * k * k]^T + bias -> [b, H' W', out]
            products.add(Linear.linear(patches(samples, rows, columns).transpose(0, 2, 1), w, b).singletonOrThrow());
        }
        NDArray y = products.size() == 1 ? products.get(0) : NDArrays.concat(products, 0);
        return y.transpose(0, 2, 1).reshape(batch, out, rows, columns);
    }

    /** [b, in, H, W] -> [b, in * k * k, H' W'], the input under each tap, ordered (channel, tap) as the weight. */
    private NDArray patches(NDArray x, long rows, long columns) {
        // zeros around the two spatial axes (the padding shape lists the last axis first)
        NDArray padded = padding == 0 ? x : x.pad(new Shape(padding, padding, padding, padding), 0);
        NDList taps = new NDList(kernel * kernel);
        for (int i = 0; i < kernel; i++) {
            for (int j = 0; j < kernel; j++) {
                // the input under kernel tap (i, j) at every output position: [b, in, H', W']
                taps.add(padded.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}", i, i + stride * (rows - 1) + 1, stride,
                        j, j + stride * (columns - 1) + 1, stride)));
            }
        }
        // [b, in, k * k, H', W'] -> [b, in * k * k, H' W']
        return NDArrays.stack(taps, 2).reshape(x.getShape().get(0), (long) in * kernel * kernel, rows * columns);
    }

    /** Where each chunk of {@code size} samples after the first begins. */
    private static long[] chunkStarts(long batch, long size) {
        long[] starts = new long[Math.toIntExact((batch - 1) / size)];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = (i + 1) * size;
        }
        return starts;
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

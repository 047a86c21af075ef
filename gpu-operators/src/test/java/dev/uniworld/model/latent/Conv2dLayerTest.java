package dev.uniworld.model.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.TestModels;
import dev.uniworld.model.nn.GradientTape;
import dev.uniworld.model.nn.Weights;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** The convolution against the textbook sums, forward and backward, index by index. */
@SuppressWarnings("try") // a pause is held for its scope only
class Conv2dLayerTest {

    /** Outside the gradient tape, as in evaluation: the engine's own kernel. */
    @Test
    void theConvolutionIsTheTextbookSumOverItsWindow() {
        // 2 input channels, 3 outputs, 3x3 kernel, stride 2, padding 1 over a 5x5 input -> 3x3
        Window window = new Window(1, 2, 3, 5, 3, 2, 1);
        Conv2dLayer conv = new Conv2dLayer(2, 3, 3, 2, 1);
        try (NDManager manager = NDManager.newBaseManager();
                GradientTape.Pause inference = GradientTape.pause()) {
            Weights.initializeSeeded("", conv, manager, 11);
            float[] b = setBias(conv, 12);
            float[] input = TestModels.uniforms(window.inputSize(), 3);
            NDArray out = conv.forward(new ParameterStore(manager, false),
                    manager.create(input, new Shape(1, 2, 5, 5)), false);
            assertEquals(new Shape(1, 3, 3, 3), out.getShape());
            float[] w = conv.getParameters().get("weight").getArray().toFloatArray(); // [3, 2 * 3 * 3]
            assertClose(window.textbookOutput(w, b, input), out.toFloatArray(), "output");
        }
    }

    /**
     * With gradients: the output is the textbook sum, and the gradients of sum(output * g) are the textbook transposed
     * sums: for the input, every output position's g times the weight of the tap that saw it; for the weight, g times
     * the input under the tap. Ten fresh draws at the decoder's last layer's shape (8 channels to 3 over 64x64), where
     * the engine's native CPU convolution returned a wrong input gradient in every run tried; a strided layer; and a
     * batch split into chunks.
     */
    @Test
    void itsGradientsAreTheTextbookTransposedSums() {
        for (int draw = 0; draw < 10; draw++) {
            checkGradients(new Window(4, 8, 3, 64, 3, 1, 1), draw);
        }
        checkGradients(new Window(2, 4, 8, 16, 4, 2, 1), 0);
        Window chunked = new Window(3, 32, 2, 64, 3, 1, 1);
        assertTrue(32L * 9 * 64 * 64 * Float.BYTES > Conv2dLayer.CHUNK_BYTES / 2, "one sample per chunk");
        checkGradients(chunked, 0);
    }

    private static void checkGradients(Window window, int draw) {
        Conv2dLayer conv = new Conv2dLayer(window.in(), window.out(), window.kernel(), window.stride(),
                window.padding());
        try (NDManager manager = NDManager.newBaseManager()) {
            Weights.initializeSeeded("", conv, manager, 100 + draw);
            float[] b = setBias(conv, 400 + draw);
            NDArray weight = conv.getParameters().get("weight").getArray();
            NDArray bias = conv.getParameters().get("bias").getArray();
            weight.setRequiresGradient(true);
            bias.setRequiresGradient(true);
            float[] input = TestModels.uniforms(window.inputSize(), 200 + draw);
            float[] outputGradient = TestModels.uniforms(window.outputSize(), 300 + draw);
            NDArray x = manager.create(input, window.inputShape());
            x.setRequiresGradient(true);
            float[] output;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = conv.forward(new ParameterStore(manager, false), x, true);
                output = out.toFloatArray();
                collector.backward(out.mul(manager.create(outputGradient, out.getShape())).sum());
            }
            float[] w = weight.toFloatArray();
            String what = window + " draw " + draw + ", ";
            assertClose(window.textbookOutput(w, b, input), output, what + "output");
            double[] inputGradient = new double[input.length];
            double[] weightGradient = new double[w.length];
            window.forEachTap((n, o, c, row, column, tap, y, xi) -> {
                double g = outputGradient[window.outputIndex(n, o, row, column)];
                inputGradient[window.inputIndex(n, c, y, xi)] += g * w[window.weightIndex(o, c, tap)];
                weightGradient[window.weightIndex(o, c, tap)] += g * input[window.inputIndex(n, c, y, xi)];
            });
            double[] biasGradient = new double[b.length];
            for (int i = 0; i < outputGradient.length; i++) {
                biasGradient[window.outputChannel(i)] += outputGradient[i];
            }
            assertClose(inputGradient, x.getGradient().toFloatArray(), what + "input gradient");
            assertClose(weightGradient, weight.getGradient().toFloatArray(), what + "weight gradient");
            assertClose(biasGradient, bias.getGradient().toFloatArray(), what + "bias gradient");
        }
    }

    /** Sets the convolution's bias to seeded values (the initializer's are zeros) and returns them. */
    private static float[] setBias(Conv2dLayer conv, long seed) {
        NDArray bias = conv.getParameters().get("bias").getArray();
        float[] values = TestModels.uniforms(Math.toIntExact(bias.size()), seed);
        bias.set(FloatBuffer.wrap(values));
        return values;
    }

    private static void assertClose(double[] expected, float[] got, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 1e-3 * (1 + Math.abs(expected[i])), what + " at " + i);
        }
    }

    /** Visits one (sample, output channel, input channel, output position, tap) term of the convolution's sum. */
    private interface TapVisitor {
        void visit(int n, int o, int c, int row, int column, int tap, int y, int x);
    }

    /** A convolution's sizes and the row-major index of every array it touches. */
    private record Window(int batch, int in, int out, int side, int kernel, int stride, int padding) {

        int outSide() {
            return (side + 2 * padding - kernel) / stride + 1;
        }

        Shape inputShape() {
            return new Shape(batch, in, side, side);
        }

        int inputSize() {
            return batch * in * side * side;
        }

        int outputSize() {
            return batch * out * outSide() * outSide();
        }

        int inputIndex(int n, int c, int y, int x) {
            return ((n * in + c) * side + y) * side + x;
        }

        /** The output channel of row-major output index {@code i}, [batch, out, side', side']. */
        int outputChannel(int i) {
            return i / (outSide() * outSide()) % out;
        }

        /** The bias plus the weighted sum over each output position's window, row-major [batch, out, side', side']. */
        double[] textbookOutput(float[] w, float[] b, float[] input) {
            double[] sums = new double[outputSize()];
            for (int i = 0; i < sums.length; i++) {
                sums[i] = b[outputChannel(i)];
            }
            forEachTap((n, o, c, row, column, tap, y, x) -> sums[outputIndex(n, o, row, column)] +=
                    w[weightIndex(o, c, tap)] * input[inputIndex(n, c, y, x)]);
            return sums;
        }

        int outputIndex(int n, int o, int row, int column) {
            return ((n * out + o) * outSide() + row) * outSide() + column;
        }

        int weightIndex(int o, int c, int tap) {
            return (o * in + c) * kernel * kernel + tap;
        }

        /** Every term whose tap falls inside the input (the padding's zeros add nothing). */
        void forEachTap(TapVisitor visitor) {
            for (int n = 0; n < batch; n++) {
                for (int o = 0; o < out; o++) {
                    for (int c = 0; c < in; c++) {
                        for (int row = 0; row < outSide(); row++) {
                            for (int column = 0; column < outSide(); column++) {
                                for (int i = 0; i < kernel; i++) {
                                    for (int j = 0; j < kernel; j++) {
                                        int y = row * stride - padding + i;
                                        int x = column * stride - padding + j;
                                        if (y >= 0 && y < side && x >= 0 && x < side) {
                                            visitor.visit(n, o, c, row, column, i * kernel + j, y, x);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

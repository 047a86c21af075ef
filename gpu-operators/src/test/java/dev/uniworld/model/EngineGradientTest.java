package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import dev.uniworld.model.nn.LayerNorm;
import dev.uniworld.model.nn.Ops;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The engine's float32 gradients of the operations the transformers train through agree with its float64 ones. The
 * engine's CPU convolution failed such a check on this project's machine (see {@code Conv2dLayer}); this guards the
 * operations every training phase relies on against the same kind of fault on whatever CPU the suite runs.
 */
class EngineGradientTest {

    /** An operation of an input x and a weight w, at sizes of the order of the tiny preset's. */
    private record Operation(String name, Shape x, Shape w, BinaryOperator<NDArray> apply) {
    }

    @Test
    void float32GradientsAgreeWithFloat64() {
        Operation[] operations = {
            new Operation("linear", new Shape(16, 64, 192), new Shape(192, 192),
                    (x, w) -> Linear.linear(x, w, null).singletonOrThrow()),
            new Operation("linear to 3", new Shape(16, 64, 192), new Shape(3, 192),
                    (x, w) -> Linear.linear(x, w, null).singletonOrThrow()),
            new Operation("attention", new Shape(4, 6, 64, 32), new Shape(4, 6, 64, 32),
                    (x, w) -> Ops.attention(x, w, w, null)),
            new Operation("layer norm", new Shape(16, 64, 192), new Shape(192),
                    (x, w) -> LayerNorm.normalize(x, 1e-6).mul(w)),
            new Operation("gelu", new Shape(16, 64, 192), new Shape(192), (x, w) -> Ops.gelu(x.mul(w))),
            new Operation("silu", new Shape(16, 64, 192), new Shape(192), (x, w) -> Ops.silu(x.mul(w))),
            new Operation("log-softmax", new Shape(16, 64, 192), new Shape(192), (x, w) -> x.mul(w).logSoftmax(2)),
        };
        try (NDManager manager = NDManager.newBaseManager()) {
            int seed = 1;
            for (Operation operation : operations) {
                for (int draw = 0; draw < 3; draw++) {
                    try (NDManager scratch = manager.newSubManager()) {
                        NDArray x = uniforms(scratch, operation.x(), seed++);
                        NDArray w = uniforms(scratch, operation.w(), seed++);
                        NDArray g = uniforms(scratch, operation.apply().apply(x, w).getShape(), seed++);
                        NDArray[] single = gradients(operation, x, w, g, DataType.FLOAT32);
                        NDArray[] twice = gradients(operation, x, w, g, DataType.FLOAT64);
                        for (int i = 0; i < 2; i++) {
                            double scale = twice[i].abs().max().getDouble();
                            double error = single[i].sub(twice[i]).abs().max().getDouble();
                            assertTrue(error <= 1e-4 * scale, operation.name() + ", draw " + draw + ": the "
                                    + (i == 0 ? "input" : "weight") + " gradient is off by " + error + " of " + scale);
                        }
                    }
                }
            }
        }
    }

    /** The gradients of sum(op(x, w) * g) with respect to x and w, computed in {@code type}, as float64. */
    private static NDArray[] gradients(Operation operation, NDArray x, NDArray w, NDArray g, DataType type) {
        NDArray typedX = x.toType(type, true);
        NDArray typedW = w.toType(type, true);
        typedX.setRequiresGradient(true);
        typedW.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(operation.apply().apply(typedX, typedW).mul(g.toType(type, true)).sum());
        }
        return new NDArray[] {typedX.getGradient().toType(DataType.FLOAT64, true),
            typedW.getGradient().toType(DataType.FLOAT64, true)};
    }

    private static NDArray uniforms(NDManager manager, Shape shape, long seed) {
        return manager.create(TestModels.uniforms(Math.toIntExact(shape.size()), seed), shape);
    }
}

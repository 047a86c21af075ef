package dev.uniworld.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Initial values drawn on the host from a generator seeded by (model seed, parameter path). Host-side on purpose: the
 * engine's global RNG differs between CPU and CUDA and is shared by every model built in the JVM, so two Flink
 * operators building at once would race on it; here the same seed gives the same weights on any device, in any build
 * order, and for any subset of stages. Weights: normal(0, 1/sqrt(fan-in)); biases: 0; norm gains: 1.
 */
public final class SeededInitializer implements Initializer {

    private final long seed;
    private final Parameter.Type type;

    public SeededInitializer(long modelSeed, String parameterPath, Parameter.Type type) {
        this.seed = mix(modelSeed, parameterPath);
        this.type = type;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        float[] values = new float[Math.toIntExact(shape.size())];
        if (type == Parameter.Type.GAMMA) {
            java.util.Arrays.fill(values, 1f);
        } else if (type == Parameter.Type.WEIGHT) {
            SplittableRandom random = new SplittableRandom(seed);
            double std = 1.0 / Math.sqrt(shape.get(shape.dimension() - 1));
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
        }
        return manager.create(values, shape).toType(dataType, false);
    }

    private static long mix(long modelSeed, String path) {
        long h = modelSeed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < path.length(); i++) {
            h = (h ^ path.charAt(i)) * 0x100000001B3L;
        }
        return h;
    }
}

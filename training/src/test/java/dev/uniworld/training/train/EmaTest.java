package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The EMA follows min((1 + k) / (10 + k), 0.999) and writes its averages back on request. */
class EmaTest {

    @Test
    void decayScheduleStartsLowAndCapsAt0999() {
        assertEquals(0.1, Ema.decay(0, 0.999), 1e-12);
        assertEquals(2.0 / 11, Ema.decay(1, 0.999), 1e-12);
        assertEquals(991.0 / 1000, Ema.decay(990, 0.999), 1e-12);
        assertEquals(0.999, Ema.decay(100_000, 0.999), 1e-12);
    }

    @Test
    void updatesMoveTheAverageByOneMinusDecay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                    .build();
            p.setArray(manager.create(new float[] {0f, 10f}));
            try (Ema ema = new Ema(manager, Map.of("w", p), 0.999)) {
                p.getArray().set(new float[] {1f, 20f});
                ema.update(); // d = 0.1: avg = 0.1 * [0, 10] + 0.9 * [1, 20] = [0.9, 19]
                assertArrayEquals(new float[] {0.9f, 19f}, ema.averages().get("w").toFloatArray(), 1e-5f);
                p.getArray().set(new float[] {0f, 0f});
                ema.update(); // d = 2/11: avg = 2/11 * [0.9, 19] + 9/11 * [0, 0]
                assertArrayEquals(new float[] {0.9f * 2 / 11, 19f * 2 / 11}, ema.averages().get("w").toFloatArray(),
                        1e-5f);
                ema.copyToWeights();
                assertArrayEquals(ema.averages().get("w").toFloatArray(), p.getArray().toFloatArray());
                assertEquals(2, ema.updates());
            }
        }
    }
}

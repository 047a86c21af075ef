package dev.uniworld.model.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.TestModels;
import dev.uniworld.model.config.LatentConfig;
import dev.uniworld.model.nn.Weights;
import org.junit.jupiter.api.Test;

class ConvAutoencoderTest {

    @Test
    void theConvolutionIsTheTextbookSumOverItsWindow() {
        // 2 input channels, 3 outputs, 3x3 kernel, stride 2, padding 1 over a 5x5 input -> 3x3
        Conv2dLayer conv = new Conv2dLayer(2, 3, 3, 2, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            Weights.initializeSeeded("", conv, manager, 11);
            ParameterStore store = new ParameterStore(manager, false);
            float[] input = TestModels.uniforms(2 * 5 * 5, 3);
            NDArray out = conv.forward(store, manager.create(input, new Shape(1, 2, 5, 5)), false);
            assertEquals(new Shape(1, 3, 3, 3), out.getShape());
            float[] w = conv.getParameters().get("weight").getArray().toFloatArray(); // [3, 2 * 3 * 3]
            float[] b = conv.getParameters().get("bias").getArray().toFloatArray();
            float[] got = out.toFloatArray();
            for (int o = 0; o < 3; o++) {
                for (int row = 0; row < 3; row++) {
                    for (int column = 0; column < 3; column++) {
                        double sum = b[o];
                        for (int c = 0; c < 2; c++) {
                            for (int i = 0; i < 3; i++) {
                                for (int j = 0; j < 3; j++) {
                                    int y = row * 2 - 1 + i;
                                    int x = column * 2 - 1 + j;
                                    if (y >= 0 && y < 5 && x >= 0 && x < 5) {
                                        sum += w[o * 18 + c * 9 + i * 3 + j] * input[c * 25 + y * 5 + x];
                                    }
                                }
                            }
                        }
                        assertEquals(sum, got[o * 9 + row * 3 + column], 1e-4, "output " + o + " at " + row + ","
                                + column);
                    }
                }
            }
        }
    }

    @Test
    void sixtyFourPixelsBecomeAnEightByEightLatentAndBack() {
        ConvAutoencoder autoencoder = new ConvAutoencoder(new LatentConfig(16, 8, 8));
        try (NDManager manager = NDManager.newBaseManager()) {
            Weights.initializeSeeded("", autoencoder, manager, 3);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray pixels = manager.create(TestModels.uniforms(2 * 3 * 64 * 64, 5), new Shape(2, 3, 64, 64));
            NDArray latents = autoencoder.encode(store, pixels, false);
            assertEquals(new Shape(2, 16, 8, 8), latents.getShape());
            assertEquals(new Shape(2, 3, 64, 64), autoencoder.decode(store, latents, false).getShape());
            // each sample is encoded on its own: the first alone gives the first of the pair
            NDArray first = autoencoder.encode(store, pixels.get("0:1"), false);
            assertArrayEquals(first.toFloatArray(), latents.get("0:1").toFloatArray(), 1e-5f);
        }
    }

    @Test
    void pixelSpaceAndUnevenFactorsHaveNoAutoencoder() {
        assertThrows(IllegalArgumentException.class, () -> new ConvAutoencoder(LatentConfig.pixels()));
        assertThrows(IllegalArgumentException.class, () -> new ConvAutoencoder(new LatentConfig(8, 6, 8)));
        assertThrows(IllegalArgumentException.class, () -> new LatentConfig(8, 8, 0));
    }
}

package dev.uniworld.model.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.TestModels;
import dev.uniworld.model.config.LatentConfig;
import dev.uniworld.model.nn.GradientTape;
import dev.uniworld.model.nn.Weights;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // a pause is held for its scope only
class ConvAutoencoderTest {

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

    /**
     * Inference (the engine's kernel, recording off) and a training step (the patch path, inside the tape) each leave
     * the model's manager as they found it: their per-call arrays go to the step's manager.
     */
    @Test
    void aPassInAStepsManagerLeavesNothingInTheModelsManager() {
        ConvAutoencoder autoencoder = new ConvAutoencoder(new LatentConfig(4, 8, 4));
        try (NDManager manager = NDManager.newBaseManager()) {
            Weights.initializeSeeded("", autoencoder, manager, 3);
            int before = manager.getManagedArrays().size();
            try (NDManager step = manager.newSubManager(); GradientTape.Pause inference = GradientTape.pause()) {
                passOnce(autoencoder, step, false);
            }
            assertEquals(before, manager.getManagedArrays().size(), "inference");
            autoencoder.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
            try (NDManager step = manager.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(passOnce(autoencoder, step, true));
            }
            assertEquals(before, manager.getManagedArrays().size(), "training");
        }
    }

    /** Encodes and decodes a seeded batch in the step's manager; returns the reconstruction's mean squared error. */
    private static NDArray passOnce(ConvAutoencoder autoencoder, NDManager step, boolean training) {
        ParameterStore store = new ParameterStore(step, false);
        NDArray pixels = step.create(TestModels.uniforms(2 * 3 * 64 * 64, 5), new Shape(2, 3, 64, 64));
        return autoencoder.decode(store, autoencoder.encode(store, pixels, training), training)
                .sub(pixels).square().mean();
    }

    @Test
    void pixelSpaceAndUnevenFactorsHaveNoAutoencoder() {
        assertThrows(IllegalArgumentException.class, () -> new ConvAutoencoder(LatentConfig.pixels()));
        assertThrows(IllegalArgumentException.class, () -> new ConvAutoencoder(new LatentConfig(8, 6, 8)));
        assertThrows(IllegalArgumentException.class, () -> new LatentConfig(8, 8, 0));
    }
}

package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.uniworld.model.config.DitConfig;
import dev.uniworld.model.config.UniWorldConfig;
import org.junit.jupiter.api.Test;

/** A DiT that predicts the clean image returns the velocity that prediction implies, and nothing else changes. */
class ImagePredictionTest {

    private static final float[] SIGMAS = {1f, 0.7f, 0.2f, 0.01f};

    @Test
    void theVelocityIsTheInputMinusThePredictedImageOverSigmaWithAFloor() {
        UniWorldConfig velocityConfig = TestModels.micro();
        UniWorldConfig imageConfig = velocityConfig.withDit(velocityConfig.dit().withPredictsImage(true));
        try (NDManager manager = NDManager.newBaseManager()) {
            // the same seed gives both models the same weights: the raw network output is the same tensor
            NDArray raw = output(velocityConfig, manager); // [4, 3, h, w]
            NDArray velocity = output(imageConfig, manager); // [4, 3, h, w]
            NDArray latents = latents(velocityConfig, manager);
            for (int i = 0; i < SIGMAS.length; i++) {
                float divisor = (float) Math.max(SIGMAS[i], DitConfig.IMAGE_PREDICTION_SIGMA_FLOOR);
                NDArray expected = latents.get(i).sub(raw.get(i)).div(divisor);
                float error = expected.sub(velocity.get(i)).abs().max().getFloat();
                assertTrue(error < 1e-4f * Math.max(1f, expected.abs().max().getFloat()),
                        "sigma " + SIGMAS[i] + ": error " + error);
            }
        }
    }

    @Test
    void anEulerStepToSigmaZeroLandsOnThePredictedImage() {
        UniWorldConfig velocityConfig = TestModels.micro();
        UniWorldConfig imageConfig = velocityConfig.withDit(velocityConfig.dit().withPredictsImage(true));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = output(velocityConfig, manager).get(2); // the prediction at sigma 0.2
            NDArray latents = latents(velocityConfig, manager).get(2);
            NDArray velocity = output(imageConfig, manager).get(2);
            NDArray landed = latents.sub(velocity.mul(0.2f)); // x_0 = x_sigma + (0 - sigma) v
            assertEquals(0f, landed.sub(image).abs().max().getFloat(), 1e-4f);
        }
    }

    private static NDArray output(UniWorldConfig config, NDManager into) {
        return TestModels.ditOutput(config, SIGMAS, 3, null, into); // [4, 3, h, w], sample i at SIGMAS[i]
    }

    private static NDArray latents(UniWorldConfig config, NDManager manager) {
        return TestModels.images(SIGMAS.length, config.latentSize(), 1).toNDArray(manager); // [B, 3, h, w]
    }
}

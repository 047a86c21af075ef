package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.config.LatentConfig;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.latent.ConvAutoencoder;
import dev.uniworld.model.tokenizer.SpecialTokens;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A preset with an autoencoder denoises its latent and decodes through it; its weights travel with the checkpoint. */
class LatentSpaceTest {

    // 32x32 pixels, 8x down to a 4x4 latent of 4 channels, one DiT token per latent pixel
    private final UniWorldConfig config = TestModels.micro().withLatent(new LatentConfig(4, 8, 4))
            .withDit(TestModels.micro().dit().withPatchSize(1));

    @TempDir
    Path dir;

    @Test
    void theDitDenoisesTheLatentAndTheDecoderPaintsPixels() {
        try (UniWorldModel model = UniWorldModel.create(config, 3); NDManager sub = model.manager().newSubManager()) {
            assertTrue(model.parameters().containsKey("decode.enc_in.weight"), model.parameters().keySet().toString());
            HostTensor latents = generateLatents(model);
            assertArrayEquals(new long[] {1, 4, 4, 4}, latents.shape());
            HostTensor pixels = model.decode(latents);
            assertArrayEquals(new long[] {1, 3, 32, 32}, pixels.shape());
            NDArray encoded = model.codec().encode(TestModels.images(2, 32, 5).toNDArray(sub));
            assertArrayEquals(new long[] {2, 4, 4, 4}, encoded.getShape().getShape());
        }
    }

    @Test
    void theAutoencoderAndItsStatisticsRoundTripThroughACheckpoint() throws java.io.IOException {
        try (UniWorldModel original = UniWorldModel.create(config, 3)) {
            original.network().autoencoder().setStatistics(new float[] {0.5f, -1, 0, 2}, new float[] {2, 1, 0.5f, 4});
            original.save(dir);
            try (UniWorldModel loaded = UniWorldModel.load(dir, Device.cpu(), EnumSet.allOf(Stage.class),
                    SpecialTokens.WORD_LEVEL)) {
                assertArrayEquals(original.decode(generateLatents(original)).data(),
                        loaded.decode(generateLatents(loaded)).data());
                assertArrayEquals(new float[] {2, 1, 0.5f, 4},
                        loaded.parameters().get("decode.latent_scale").getArray().toFloatArray());
            }
            try (UniWorldModel ditOnly = UniWorldModel.load(dir, Device.cpu(), EnumSet.of(Stage.DIT),
                    SpecialTokens.WORD_LEVEL)) {
                assertThrows(IllegalStateException.class, ditOnly::codec);
            }
        }
    }

    @Test
    void theStatisticsShiftAndScaleTheEncodersOutput() {
        try (UniWorldModel model = UniWorldModel.create(config, 3); NDManager sub = model.manager().newSubManager()) {
            ConvAutoencoder autoencoder = model.network().autoencoder();
            ParameterStore store = new ParameterStore(sub, false);
            NDArray pixels = TestModels.images(1, 32, 6).toNDArray(sub);
            float[] raw = autoencoder.encodeRaw(store, pixels, false).toFloatArray(); // [1, 4, 4, 4]
            float[] shift = {0.5f, -1, 0, 2};
            float[] scale = {2, 1, 0.5f, 4};
            autoencoder.setStatistics(shift, scale);
            float[] latent = autoencoder.encode(store, pixels, false).toFloatArray();
            for (int i = 0; i < raw.length; i++) {
                int channel = i / 16;
                assertEquals((raw[i] - shift[channel]) / scale[channel], latent[i], 1e-5, "value " + i);
            }
            assertThrows(IllegalArgumentException.class,
                    () -> autoencoder.setStatistics(shift, new float[] {1, 1, 0, 1}));
        }
    }

    private HostTensor generateLatents(UniWorldModel model) {
        int[][] ids = {TestModels.prompts(config).build("draw a red circle", 0)};
        FusedContext fused = model.fuse(model.encodeVlm(ids, null), null, null, null);
        return model.denoise(fused, null, config.sampler(), new long[] {8});
    }
}

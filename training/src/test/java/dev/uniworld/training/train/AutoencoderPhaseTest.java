package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.config.LatentConfig;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The autoencoder phase trains the autoencoder's convolutions, not its statistics, and leaves latents standardized. */
class AutoencoderPhaseTest {

    private static final UniWorldConfig LATENT = Presets.tiny().withLatent(new LatentConfig(8, 8, 8))
            .withDit(Presets.tiny().dit().withPatchSize(1));

    @Test
    void itTrainsOnlyTheConvolutionsAndThenStandardizesTheLatent() {
        Recipe recipe = Recipe.tiny().withAnswers(0, 0).withModel(LATENT).withAutoencoder(3, 4);
        TrainingData data = new TrainingData(new TaskGenerator(new TaskConfig(new RenderConfig(64), Set.of())),
                ShapesTokenizer.create(), recipe);
        try (UniWorldModel model = UniWorldModel.create(LATENT, 7)) {
            AutoencoderPhase phase = new AutoencoderPhase(model, data, recipe);
            assertTrue(phase.trainable().containsKey("decode.enc_in.weight"));
            assertFalse(phase.trainable().containsKey("decode.latent_scale"));
            assertFalse(phase.trainable().containsKey("decode.latent_shift"));
            phase.finish();
            // the statistics images, encoded again, have zero mean and unit spread in every channel
            double[] mean = new double[8];
            double[] square = new double[8];
            int each = 0;
            for (int b = 0; b < AutoencoderPhase.STATISTICS_BATCHES; b++) {
                try (NDManager sub = model.manager().newSubManager()) {
                    List<float[]> images = data.autoencoderBatch(recipe.autoencoderSteps() + b);
                    NDArray latent = model.network().autoencoder().encode(new ParameterStore(sub, false),
                            Phases.images(sub, images, 64), false); // [4, 8, 8, 8]
                    float[] values = latent.transpose(1, 0, 2, 3).toFloatArray();
                    each = values.length / 8;
                    for (int i = 0; i < values.length; i++) {
                        mean[i / each] += values[i];
                        square[i / each] += (double) values[i] * values[i];
                    }
                }
            }
            int count = each * AutoencoderPhase.STATISTICS_BATCHES;
            for (int c = 0; c < 8; c++) {
                double m = mean[c] / count;
                assertEquals(0, m, 1e-3, "channel " + c + " mean");
                assertEquals(1, Math.sqrt(square[c] / count - m * m), 1e-3, "channel " + c + " spread");
            }
        }
    }
}

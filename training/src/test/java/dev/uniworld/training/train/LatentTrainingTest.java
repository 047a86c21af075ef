package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.config.LatentConfig;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.training.models.ModelResolver;
import dev.uniworld.training.models.VisualModel;
import dev.uniworld.training.shapes.RenderConfig;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model that denoises a latent trains its autoencoder between SigLIP and stage 1, then draws through its decoder. */
class LatentTrainingTest {

    private static final UniWorldConfig LATENT = Presets.tiny().withLatent(new LatentConfig(8, 8, 8))
            .withDit(Presets.tiny().dit().withPatchSize(1));

    @Test
    void theAutoencoderTrainsBeforeTheDiffusionStagesAndShipsWithTheCheckpoint(@TempDir Path dir) throws Exception {
        Recipe recipe = Recipe.tiny().withAnswers(0, 0).withModel(LATENT).withSteps(0, 0, 4, 4).withAutoencoder(30, 4)
                .withBatches(4, 4, 4).withCheckpointEvery(100);
        assertEquals(List.of("vlm", "siglip", "autoencoder", "stage1", "stage2"), recipe.phaseNames());
        Path shipped = new TrainingRun(recipe, dir, new PrintStream(OutputStream.nullOutputStream())).run();

        List<String> rows = Files.readAllLines(dir.resolve("loss.csv"));
        List<String> autoencoder = rows.stream().filter(r -> r.contains(",autoencoder,")).toList();
        assertEquals(30, autoencoder.size());
        assertEquals(4, rows.stream().filter(r -> r.contains(",stage1,")).count());
        double first = loss(autoencoder.subList(0, 5));
        double last = loss(autoencoder.subList(25, 30));
        assertTrue(last < first, "reconstruction loss should fall: first five " + first + ", last five " + last);
        assertTrue(Files.isDirectory(dir.resolve("state-after-autoencoder")));
        try (UniWorldModel model = UniWorldModel.load(shipped, ai.djl.Device.cpu(), EnumSet.allOf(Stage.class),
                SpecialTokens.WORD_LEVEL)) {
            float[] scale = model.parameters().get("decode.latent_scale").getArray().toFloatArray();
            for (float s : scale) {
                assertTrue(s > 0 && s != 1f, "the phase sets the latent's scale, got " + s);
            }
        }
        try (VisualModel opened = new ModelResolver(RenderConfig.DEFAULT, List.of()).resolve(shipped.toString())) {
            BufferedImage image = opened.generate("draw a red circle", List.of(), 3);
            assertEquals(64, image.getWidth());
        }
    }

    private static double loss(List<String> rows) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.split(",")[3])).average().orElseThrow();
    }
}

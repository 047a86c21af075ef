package dev.uniworld.training.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint's SigLIP tokens read back into pixels: what `eval --model siglip-readout:DIR` scores. */
class SiglipReadoutModelTest {

    @TempDir
    Path dir;

    @Test
    void theReadOutOfAnUnseenInputIsCloserToItThanItsMeanColour() throws Exception {
        // Given: a seeded (untrained) tiny checkpoint; its random encoder still carries each patch's pixels
        Path checkpoint = dir.resolve("seeded");
        try (UniWorldModel model = UniWorldModel.create(Presets.tiny(), 42)) {
            model.save(checkpoint);
        }
        TaskSample unseen = new TaskGenerator(TaskConfig.DEFAULT).evaluationSet(Split.VALIDATION, 8).stream()
                .filter(s -> !s.inputImages().isEmpty()).findFirst().orElseThrow();
        BufferedImage input = unseen.inputImages().get(0);
        // When: fitted on 40 training-split inputs
        try (SiglipReadoutModel readout = new SiglipReadoutModel(checkpoint, RenderConfig.DEFAULT, 40)) {
            BufferedImage out = readout.generate(unseen.prompt(), List.of(input), 1);
            // Then: same size, and nearer the input than painting every pixel in the input's mean colour
            assertEquals(input.getWidth(), out.getWidth());
            double readError = rms(ImageCodec.toModelInput(out, 64), ImageCodec.toModelInput(input, 64));
            double meanError = spreadAroundMeanColour(ImageCodec.toModelInput(input, 64));
            assertTrue(readError < 0.5 * meanError, "read-out rms " + readError + ", mean colour's " + meanError);
            assertEquals("siglip-readout:" + checkpoint, readout.name());
            assertEquals("", readout.answer("how many shapes are there?", List.of(input)));
        }
    }

    private static double rms(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum / a.length);
    }

    private static double spreadAroundMeanColour(float[] chw) {
        int plane = chw.length / 3;
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            double mean = 0;
            for (int i = 0; i < plane; i++) {
                mean += chw[c * plane + i];
            }
            mean /= plane;
            for (int i = 0; i < plane; i++) {
                sum += (chw[c * plane + i] - mean) * (chw[c * plane + i] - mean);
            }
        }
        return Math.sqrt(sum / chw.length);
    }
}

package dev.uniworld.training.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {

    private final List<TaskSample> samples = new TaskGenerator(TaskConfig.DEFAULT).testSet(4);
    private final ModelResolver resolver = new ModelResolver(RenderConfig.DEFAULT, samples);

    @Test
    void resolvesTheBuiltInModelsByName() throws IOException {
        for (String name : ModelResolver.BUILT_IN) {
            try (VisualModel model = resolver.resolve(name)) {
                assertEquals(name, model.name());
            }
        }
    }

    @Test
    void explainsWhyAnUnknownNameOrUnsupportedCheckpointCannotBeLoaded(@TempDir Path dir) throws IOException {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> resolver.resolve(dir.resolve("missing.ckpt").toString()));
        assertTrue(unknown.getMessage().contains("neither a built-in model"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("blurred-truth:R"), unknown.getMessage());
        Path checkpoint = Files.writeString(dir.resolve("tiny.ckpt"), "weights");
        IllegalArgumentException unsupported = assertThrows(IllegalArgumentException.class,
                () -> resolver.resolve(checkpoint.toString()));
        assertTrue(unsupported.getMessage().contains("not a checkpoint (it lacks config.json and model.safetensors)"),
                unsupported.getMessage());
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run").resolve("config.json"), "{}");
        IllegalArgumentException noWeights = assertThrows(IllegalArgumentException.class,
                () -> resolver.resolve(dir.resolve("run").toString()));
        assertTrue(noWeights.getMessage().contains("(it lacks model.safetensors)"), noWeights.getMessage());
    }

    @Test
    void theBlurredTruthAveragesEachPixelsSquareAndRadiusZeroIsTheTruth() throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(3, 1,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x000000);
        image.setRGB(1, 0, 0x906030);
        image.setRGB(2, 0, 0xf00000);
        java.awt.image.BufferedImage blurred = BlurredTruthModel.blur(image, 1);
        // edges clamped: pixel 0 averages rows of (0, 0, 1) three times over, i.e. (2 * 0 + 0x90) / 3 in red
        assertEquals(0x302010, blurred.getRGB(0, 0) & 0xffffff);
        assertEquals(0x802010, blurred.getRGB(1, 0) & 0xffffff);
        assertEquals(0xd02010, blurred.getRGB(2, 0) & 0xffffff);
        TaskSample generation = samples.stream().filter(s -> s.targetImage() != null).findFirst().orElseThrow();
        try (VisualModel sharp = resolver.resolve("blurred-truth:0")) {
            assertEquals("blurred-truth:0", sharp.name());
            java.awt.image.BufferedImage out = sharp.generate(generation.prompt(), generation.inputImages(), 1);
            java.awt.image.BufferedImage want = generation.targetImage();
            for (int y = 0; y < want.getHeight(); y++) {
                for (int x = 0; x < want.getWidth(); x++) {
                    assertEquals(want.getRGB(x, y) & 0xffffff, out.getRGB(x, y) & 0xffffff);
                }
            }
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> resolver.resolve("blurred-truth:two"));
        assertTrue(bad.getMessage().contains("blur radius"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("blurred-truth:-1"));
    }

    @Test
    void aSiglipReadOutNamesItsMissingCheckpointAndIsListedAmongTheBuiltIns(@TempDir Path dir) {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> resolver.resolve("siglip-readout:" + dir.resolve("absent")));
        assertTrue(missing.getMessage().contains("no checkpoint at"), missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> resolver.resolve(dir.resolve("absent").toString()));
        assertTrue(unknown.getMessage().contains("siglip-readout:DIR"), unknown.getMessage());
    }

    @Test
    void groundTruthRefusesRequestsItWasNotBuiltFrom() {
        GroundTruthModel model = new GroundTruthModel(samples);
        assertThrows(IllegalArgumentException.class, () -> model.answer("how many shapes are there?", List.of()));
    }
}

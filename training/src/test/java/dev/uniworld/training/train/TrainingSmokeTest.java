package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.training.models.ModelResolver;
import dev.uniworld.training.models.SamplerOverrides;
import dev.uniworld.training.models.VisualModel;
import dev.uniworld.training.shapes.RenderConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short real training runs on the tiny architecture: the loss goes down, and an interrupted run resumes. */
class TrainingSmokeTest {

    /**
     * 20 text-to-image steps at batch 4, the encoders left untrained (their phases get 0 steps); 16x16 patches keep the
     * DiT at 16 image tokens so that the test stays fast (the architecture is otherwise the tiny preset).
     */
    private static Recipe smoke() {
        return Recipe.tiny().withModel(Recipe.withPatch(Presets.tiny(), 16)).withSteps(0, 0, 20, 0)
                .withBatches(4, 4, 4).withCheckpointEvery(10);
    }

    @Test
    void twentyStepsLowerTheLossAndShipALoadableEmaCheckpoint(@TempDir Path dir) throws Exception {
        Path shipped = new TrainingRun(smoke(), dir, quiet()).run();

        List<String> rows = Files.readAllLines(dir.resolve("loss.csv"));
        assertEquals(21, rows.size()); // header + 20 steps
        double first = meanLoss(rows.subList(1, 6));
        double last = meanLoss(rows.subList(16, 21));
        assertTrue(last < first, "loss should fall: first five " + first + ", last five " + last);
        assertTrue(Files.size(dir.resolve("loss.png")) > 0);
        assertTrue(Files.exists(shipped.resolve(CheckpointIo.DIGEST_FILE)));
        assertEquals(ShapesTokenizer.create().words(), WordTokenizer.forCheckpoint(shipped).words());
        try (UniWorldModel model = UniWorldModel.load(shipped, ai.djl.Device.cpu(), EnumSet.allOf(Stage.class),
                SpecialTokens.WORD_LEVEL)) {
            assertEquals(16, model.config().dit().patchSize());
        }
        // eval opens the checkpoint through the registered provider
        try (VisualModel opened = new ModelResolver(RenderConfig.DEFAULT, List.of()).resolve(shipped.toString())) {
            BufferedImage image = opened.generate("draw a red circle", List.of(), 3);
            assertEquals(64, image.getWidth());
            assertNotNull(opened.answer("how many shapes are there ?", List.of(image)));
            // classifier-free guidance: a second, unconditional pass per step changes the output
            try (VisualModel guided = new ModelResolver(RenderConfig.DEFAULT, List.of(), new SamplerOverrides(null, 3.0))
                    .resolve(shipped.toString())) {
                BufferedImage withCfg = guided.generate("draw a red circle", List.of(), 3);
                assertEquals(64, withCfg.getWidth());
                assertFalse(Arrays.equals(pixels(image), pixels(withCfg)), "CFG scale 3 should change the image");
                assertArrayEquals(pixels(withCfg), pixels(guided.generate("draw a red circle", List.of(), 3)));
            }
        }
    }

    @Test
    void anInterruptedRunResumesAtItsLastCheckpoint(@TempDir Path dir) throws Exception {
        assertNull(new TrainingRun(smoke(), dir, quiet()).interruptAt(12).run()); // checkpoint at 10, stop at 12
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new TrainingRun(smoke(), dir, new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        assertTrue(console.toString(StandardCharsets.UTF_8).contains("resuming " + dir + " at phase 2 step 10"),
                console.toString(StandardCharsets.UTF_8));
        List<String> rows = Files.readAllLines(dir.resolve("loss.csv"));
        assertEquals(21, rows.size()); // steps 10 and 11 were rolled back and run again, not logged twice
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i).startsWith((i - 1) + ",stage1," + (i - 1) + ","), rows.get(i));
        }
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static double meanLoss(List<String> rows) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.split(",")[3])).average().orElseThrow();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}

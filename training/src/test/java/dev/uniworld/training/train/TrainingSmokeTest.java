package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.time.Duration;
import java.util.ArrayList;
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
        return Recipe.tiny().withAnswers(0, 0).withModel(Recipe.withPatch(Presets.tiny(), 16)).withSteps(0, 0, 20, 0)
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
        // the plot: its size, and a curve drawn in the phase's colour over the white page
        BufferedImage plot = javax.imageio.ImageIO.read(dir.resolve("loss.png").toFile());
        assertEquals(900, plot.getWidth());
        assertEquals(500, plot.getHeight());
        assertTrue(colouredPixels(plot) > 100, "a curve is drawn: " + colouredPixels(plot) + " coloured pixels");
        assertTrue(Files.exists(shipped.resolve(CheckpointIo.DIGEST_FILE)));
        assertEquals(ShapesTokenizer.create().words(), WordTokenizer.forCheckpoint(shipped).words());
        // the recipe beside the weights, which --encoders-from checks
        assertEquals(smoke(), RunFiles.JSON.readValue(shipped.resolve(RunCheckpoints.RECIPE_FILE).toFile(),
                Recipe.class));
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
            SamplerOverrides cfg3 = new SamplerOverrides(null, 3.0, null, null);
            try (VisualModel guided = new ModelResolver(RenderConfig.DEFAULT, List.of(), cfg3)
                    .resolve(shipped.toString())) {
                BufferedImage withCfg = guided.generate("draw a red circle", List.of(), 3);
                assertEquals(64, withCfg.getWidth());
                assertFalse(Arrays.equals(pixels(image), pixels(withCfg)), "CFG scale 3 should change the image");
                assertArrayEquals(pixels(withCfg), pixels(guided.generate("draw a red circle", List.of(), 3)));
            }
        }
    }

    @Test
    void anInterruptedRunResumesAtItsLastCheckpointAndRepeatsTheStepsItLost(@TempDir Path dir) throws Exception {
        assertNull(new TrainingRun(smoke(), dir, quiet()).interruptAt(16).run()); // checkpoint at 10, stop at 16
        assertTrue(Files.isRegularFile(dir.resolve("state").resolve(RunFiles.OPTIMIZER_FILE)), "Adam's moments saved");
        List<String> beforeInterruption = Files.readAllLines(dir.resolve("loss.csv"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new TrainingRun(smoke(), dir, new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        String printed = console.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("resuming " + dir + " at phase 2 step 10"), printed);
        assertFalse(printed.contains("moments restart"), printed);
        // a phase's last resume point holds no moments: the next phase starts its own optimizer
        assertFalse(Files.exists(dir.resolve("state-after-stage1").resolve(RunFiles.OPTIMIZER_FILE)));
        List<String> rows = Files.readAllLines(dir.resolve("loss.csv"));
        assertEquals(21, rows.size()); // steps 10 to 15 were rolled back and run again, not logged twice
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i).startsWith((i - 1) + ",stage1," + (i - 1) + ","), rows.get(i));
        }
        // Weights, EMA, Adam's moments and data resume as they were, so the repeated steps 10-15 lose what they lost
        // the first time. Not to the bit: the CPU kernels' rounding may follow the buffers' alignment, which moves
        // the losses by about 1e-4 over a few steps. Restarted moments moved them by up to 10% (steps 12-15).
        for (int step = 10; step < 16; step++) {
            double first = lossOf(beforeInterruption.get(step + 1));
            double again = lossOf(rows.get(step + 1));
            assertEquals(first, again, 5e-3 * first, "step " + step);
        }
    }

    @Test
    void aRunStoppedForFreshProcessesGoesOnAtEachResumePointAndTheLastProcessShipsTheCheckpoint(@TempDir Path dir)
            throws Exception {
        // Given trainers that stop at their first resume point (as --fresh-process-every does after its minutes)
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<Path> returned = new ArrayList<>();
        while (returned.isEmpty() || returned.get(returned.size() - 1) == null) {
            assertTrue(returned.size() < 5, "the run should end in two processes");
            returned.add(new TrainingRun(smoke(), dir, new PrintStream(console, true, StandardCharsets.UTF_8))
                    .stopForAFreshProcessAfter(Duration.ZERO).run());
        }
        // Then the first stopped at step 10's resume point and the second, resumed there, trained to the end
        String printed = console.toString(StandardCharsets.UTF_8);
        assertEquals(2, returned.size(), printed);
        assertTrue(printed.contains("stopped at the resume point after stage1 step 10"), printed);
        assertTrue(printed.contains("resuming " + dir + " at phase 2 step 10"), printed);
        assertTrue(Files.exists(returned.get(1).resolve(CheckpointIo.DIGEST_FILE)));
        List<String> rows = Files.readAllLines(dir.resolve("loss.csv"));
        assertEquals(21, rows.size()); // steps 0-19 in order: the second process went on where the first stopped
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i).startsWith((i - 1) + ",stage1," + (i - 1) + ","), rows.get(i));
        }
    }

    @Test
    void aStopAtAPhasesEndGoesOnWithTheNextPhaseInTheFreshProcess(@TempDir Path dir) throws Exception {
        Recipe twoPhases = smoke().withSteps(0, 0, 10, 10);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(console, true, StandardCharsets.UTF_8);
        assertNull(new TrainingRun(twoPhases, dir, printer).stopForAFreshProcessAfter(Duration.ZERO).run());
        assertTrue(Files.isDirectory(dir.resolve("state-after-stage1")));
        // the fresh process starts stage 2 with stage 1's EMA and ships, although its time is up at every point
        Path shipped = new TrainingRun(twoPhases, dir, printer).stopForAFreshProcessAfter(Duration.ZERO).run();
        String printed = console.toString(StandardCharsets.UTF_8);
        assertNotNull(shipped, printed);
        assertTrue(printed.contains("stopped at the resume point after stage1 step 10"), printed);
        assertTrue(printed.contains("resuming " + dir + " at phase 3 step 0"), printed);
        assertEquals(21, Files.readAllLines(dir.resolve("loss.csv")).size());
    }

    @Test
    void aResumeRefusesAnotherRecipeButTakesNewSamplerSettings(@TempDir Path dir) throws Exception {
        // Given a run started before the sampler's defaults changed (Euler steps for every sample, guidance only at
        // high noise), interrupted
        Recipe before = smoke().withModel(smoke().model().withSampler(smoke().model().sampler().withFreshNoise(0, 0)
                .withCfgInterval(0.5, 1)));
        assertNull(new TrainingRun(before, dir, quiet()).interruptAt(11).run());
        // When resumed with a seed of its own, it is refused, naming the field
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new TrainingRun(smoke().withSeed(99), dir, quiet()).run());
        assertTrue(refused.getMessage().contains("seed: " + smoke().seed() + " here, 99 asked"), refused.getMessage());
        // When resumed with today's recipe, it goes on and ships today's sampler settings
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path shipped = new TrainingRun(smoke(), dir, new PrintStream(console, true, StandardCharsets.UTF_8)).run();
        String printed = console.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("the run's sampler settings change ("), printed);
        assertTrue(printed.contains("model.sampler.referenceFreshNoise: 0.0 here, 1.0 asked"), printed);
        assertTrue(printed.contains("model.sampler.cfgSigmaMin: 0.5 here, 0.0 asked"), printed);
        assertTrue(printed.contains("resuming " + dir + " at phase 2 step 10"), printed);
        try (UniWorldModel model = UniWorldModel.load(shipped, ai.djl.Device.cpu(), EnumSet.allOf(Stage.class),
                SpecialTokens.WORD_LEVEL)) {
            assertEquals(smoke().model().sampler(), model.config().sampler());
        }
    }

    private static double lossOf(String row) {
        return Double.parseDouble(row.split(",")[3]);
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

    /** Pixels whose channels differ (neither white, black nor grey): the curves, not the page, axes or labels. */
    private static int colouredPixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) {
                    count++;
                }
            }
        }
        return count;
    }
}

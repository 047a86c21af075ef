package dev.uniworld.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.train.Recipe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ShapesWorldCliTest {

    @Test
    void evalPrintsATablePerFamilyAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");
        StringWriter out = new StringWriter();
        CommandLine cli = ShapesWorldCli.commandLine();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("eval", "--model", "ground-truth", "--n", "12", "--json", json.toString());
        assertEquals(0, exit);
        for (String family : new String[] {"understanding", "generation", "editing", "perception"}) {
            assertTrue(out.toString().contains("== " + family + " =="), out.toString());
        }
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals("ground-truth", report.get("model").asText());
        assertEquals(4, report.get("families").size());
        assertEquals(1.0, report.get("families").get(1).get("overall").get("accuracy").asDouble(), 1e-9);
    }

    @Test
    void evalAnswersListsEveryQuestionWithTheShippedVlmsDescriptionBeforeItsAnswer(@TempDir Path dir)
            throws Exception {
        Path answers = dir.resolve("answers.tsv");
        StringWriter out = new StringWriter();
        CommandLine cli = ShapesWorldCli.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("eval", "--model", Path.of("..", "models", "uniworld-tiny").toString(),
                "--families", "understanding", "--n", "6", "--split", "validation", "--json",
                dir.resolve("report.json").toString(), "--answer-sheet", answers.toString()));
        List<String> lines = Files.readAllLines(answers);
        assertEquals(String.join("\t", AnswerSheet.COLUMNS), lines.get(0));
        assertEquals(7, lines.size(), "a header and six questions");
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        int right = 0;
        int described = 0;
        int wrongAfterRightDescription = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            assertEquals(8, cells.length, line);
            right += Integer.parseInt(cells[2]);
            described += Integer.parseInt(cells[3]);
            wrongAfterRightDescription += cells[3].equals("1") && cells[2].equals("0") ? 1 : 0;
            // the describing VLM writes the scene's caption and a full stop, then the answer
            assertTrue(cells[7].contains(" background") && cells[7].endsWith(". " + cells[6]), line);
        }
        assertEquals(report.get("families").get(0).get("overall").get("accuracy").asDouble() * 6, right, 1e-9);
        assertTrue(described > 3, described + " of 6: the shipped VLM describes most validation scenes word for word");
        assertTrue(out.toString().contains(("descriptions: %d of 6 match the scene's caption; answers wrong after a "
                + "right description: %d (%s)").formatted(described, wrongAfterRightDescription, answers)),
                out.toString());
    }

    @Test
    void evalNamesItsDefaultReportAfterTheModelsLastTwoPathElementsAndTheSplit() {
        assertEquals(Path.of("shapesworld-eval-run1-model-test.json"),
                EvalCommand.defaultReport("/work/runs/run1/model", "test"));
        assertEquals(Path.of("shapesworld-eval-run2-model-test.json"),
                EvalCommand.defaultReport("run2/model/", "test"));
        assertEquals(Path.of("shapesworld-eval-models-uniworld-tiny-validation.json"),
                EvalCommand.defaultReport("models/uniworld-tiny", "validation"));
        assertEquals(Path.of("shapesworld-eval-blurred-truth_2-test.json"),
                EvalCommand.defaultReport("blurred-truth:2", "test"));
        assertEquals(Path.of("shapesworld-eval-siglip-readout_run1-model-test.json"),
                EvalCommand.defaultReport("siglip-readout:/work/runs/run1/model", "test"));
        assertEquals(Path.of("shapesworld-eval-siglip-readout_run1-model-test.json"),
                EvalCommand.defaultReport("siglip-readout:run1/model", "test"));
    }

    @Test
    void evalRejectsAnUnknownModelWithAReason() {
        StringWriter err = new StringWriter();
        CommandLine cli = ShapesWorldCli.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(CommandLine.ExitCode.USAGE, cli.execute("eval", "--model", "no-such-model", "--n", "1"));
        assertTrue(err.toString().contains("neither a built-in model"), err.toString());
    }

    @Test
    void probePrintsHowFarTheShippedDitFollowsPromptSeedAndPatch() {
        StringWriter out = new StringWriter();
        CommandLine cli = ShapesWorldCli.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("probe", "--model", Path.of("..", "models", "uniworld-tiny").toString()));
        String[] rows = {"moved by the other prompt", "moved by the next seed", "gain of one input patch",
                "VLM states, \"a red circle.\" against \"a green circle.\"", "last layer", "embedding"};
        for (String row : rows) {
            assertTrue(out.toString().contains(row), out.toString());
        }
    }

    @Test
    void probeRejectsADirectoryWithoutACheckpoint(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = ShapesWorldCli.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(CommandLine.ExitCode.USAGE, cli.execute("probe", "--model", dir.toString()));
        assertTrue(err.toString().contains("--model: no checkpoint at"), err.toString());
    }

    @Test
    void trainTakesTheRecipesWeightingEmbeddingsAndDescribingVlmUnlessSwitchedOff(@TempDir Path dir) throws Exception {
        // zero steps per phase: the run records its recipe and ships its seeded weights at once
        Path standard = dir.resolve("standard");
        Path switchedOff = dir.resolve("off");
        assertEquals(0, ShapesWorldCli.commandLine().execute("train", "--out", standard.toString(),
                "--steps", "0,0,0,0"));
        assertEquals(0, ShapesWorldCli.commandLine().execute("train", "--out", switchedOff.toString(),
                "--steps", "0,0,0,0", "--no-object-weighting", "--no-token-embeddings", "--no-describe-first"));
        JsonNode on = new ObjectMapper().readTree(standard.resolve("recipe.json").toFile());
        JsonNode off = new ObjectMapper().readTree(switchedOff.resolve("recipe.json").toFile());
        assertTrue(on.get("objectWeighting").asBoolean());
        assertTrue(on.get("model").get("connector").get("tokenEmbeddings").asBoolean());
        assertFalse(off.get("objectWeighting").asBoolean());
        assertFalse(off.get("model").get("connector").get("tokenEmbeddings").asBoolean());
        assertTrue(on.get("model").get("vlm").get("describesFirst").asBoolean());
        assertFalse(off.get("model").get("vlm").get("describesFirst").asBoolean());
        // four step counts leave the answer layers as copies: no answer phase
        assertEquals(Recipe.tiny().model().vlm().answerLayers(),
                on.get("model").get("vlm").get("answerLayers").asInt());
        assertEquals(0, on.get("answerSteps").asInt());
    }

    @Test
    void trainOptionsSetTheRecipeFieldsTheyName(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, ShapesWorldCli.commandLine().execute("train", "--out", run.toString(), "--steps", "0,0,0,0",
                "--vlm-layers", "2", "--seed", "9", "--dit-batch", "4", "--high-noise-share", "0.5", "--blur-share",
                "0.25", "--no-edit-weighting", "--encoder-lr", "2e-3", "--vlm-weight-decay", "0.1",
                "--vlm-questions-for-captions", "--named-edit-share", "0.6", "--referent-loss", "0.5",
                "--content-loss", "0.25", "--checkpoint-every", "50", "--absolute-positions", "--answers", "1,0"));
        Recipe tiny = Recipe.tiny();
        Recipe expected = tiny.withModel(tiny.model().withVlm(tiny.model().vlm().withLayers(2))
                        .withDit(tiny.model().dit().withAbsolutePositions(true)))
                .withSteps(0, 0, 0, 0).withBatches(tiny.vlmBatch(), tiny.siglipBatch(), 4).withSeed(9)
                .withHighNoiseShare(0.5).withBlurShare(0.25).withEditWeighting(false).withEncoderLr(2e-3f)
                .withVlmWeightDecay(0.1).withVlmQuestionsForCaptions(true).withNamedEditShare(0.6)
                .withReferentLoss(0.5).withContentLoss(0.25).withCheckpointEvery(50).withAnswers(1, 0);
        assertEquals(expected, new ObjectMapper().readValue(run.resolve("recipe.json").toFile(), Recipe.class));
    }

    @Test
    void trainStopsForAFreshProcessWithStatus75AndTheSameCommandGoesOn(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = ShapesWorldCli.commandLine();
        cli.setErr(new PrintWriter(err));
        String[] train = {"train", "--out", dir.resolve("run").toString(), "--steps", "0,0,2,0", "--patch", "16",
            "--dit-batch", "2", "--checkpoint-every", "1", "--fresh-process-every", "1e-9"};
        // stops at step 1's resume point; the rerun the launcher makes trains step 2, the run's last, and ships
        assertEquals(TrainCommand.EXIT_GOES_ON_IN_A_FRESH_PROCESS, ShapesWorldCli.commandLine().execute(train));
        assertFalse(Files.exists(dir.resolve("run").resolve("model")));
        assertEquals(0, ShapesWorldCli.commandLine().execute(train));
        assertTrue(Files.isDirectory(dir.resolve("run").resolve("model")));
        assertEquals(CommandLine.ExitCode.USAGE, cli.execute("train", "--out", dir.resolve("b").toString(),
                "--fresh-process-every", "-1"));
        assertTrue(err.toString().contains("error: --fresh-process-every is minutes, 0 or more, not -1.0"),
                err.toString());
    }

    @Test
    void freshProcessMinutesBecomeADurationThatSaturatesInsteadOfOverflowing() {
        assertEquals(Duration.ofSeconds(90), TrainCommand.minutes(1.5));
        assertEquals(Duration.ofMinutes(10), TrainCommand.minutes(10));
        assertEquals(Long.MAX_VALUE, TrainCommand.minutes(1e300).toNanos());
    }

    @Test
    void trainRefusesEncodersFromADirectoryWithoutEncodersOrACheckpointWithABranch(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = ShapesWorldCli.commandLine();
        cli.setErr(new PrintWriter(err));
        Path shipped = Path.of("..", "models", "uniworld-tiny");
        assertEquals(CommandLine.ExitCode.USAGE, cli.execute("train", "--out", dir.resolve("a").toString(),
                "--encoders-from", dir.resolve("missing").toString()));
        assertEquals(CommandLine.ExitCode.USAGE, cli.execute("train", "--out", dir.resolve("b").toString(),
                "--encoders-from", shipped.toString(), "--branch-from", dir.toString()));
        String printed = err.toString();
        assertTrue(printed.contains("error: cannot take encoders from " + dir.resolve("missing")
                + ": no such directory"), printed);
        assertTrue(printed.contains("error: --branch-from takes another SigLIP from a run's state-after-siglip, "
                + "not from a checkpoint such as " + shipped), printed);
        assertFalse(printed.contains("Exception"), printed);
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")));
    }

    @Test
    void samplesWritesASheetWithEveryCategory(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sheet.png");
        StringWriter out = new StringWriter();
        CommandLine cli = ShapesWorldCli.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("samples", "--out", png.toString()));
        assertTrue(out.toString().contains("wrote " + TaskCategory.values().length + " samples"), out.toString());
        var image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 800 && image.getHeight() > 1000, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void vocabWritesOneWordPerLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vocab.txt");
        assertEquals(0, ShapesWorldCli.commandLine().execute("vocab", "--out", file.toString()));
        assertTrue(Files.readAllLines(file).contains("circle"));
    }

    @Test
    void vocabTokensWritesTheShippedCheckpointsVocabulary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vocabulary.txt");
        assertEquals(0, ShapesWorldCli.commandLine().execute("vocab", "--tokens", "--out", file.toString()));
        // the words split as the tokenizer splits them, in the ids' order: what eval needs beside a phase's weights
        Path shipped = Path.of("..", "models", "uniworld-tiny", WordTokenizer.CHECKPOINT_FILE);
        assertEquals(Files.readAllLines(shipped), Files.readAllLines(file));
    }
}

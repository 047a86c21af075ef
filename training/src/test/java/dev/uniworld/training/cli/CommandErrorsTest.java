package dev.uniworld.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad input to the ShapesWorld commands ends in one line that names the problem, and an exit code, never a trace; a
 * bug ends in exit code 70 with its trace.
 */
class CommandErrorsTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    void anUnknownPresetIsAUsageErrorThatListsTheKnownOnes() {
        assertEquals(CommandLine.ExitCode.USAGE, run("train", "--preset", "huge", "--out", dir.toString()));
        assertOneLine("unknown preset 'huge', known: [");
    }

    @Test
    void aCheckpointIntervalOfZeroIsAUsageErrorNamingTheOption() {
        assertEquals(CommandLine.ExitCode.USAGE, run("train", "--checkpoint-every", "0", "--out", dir.toString()));
        assertOneLine("--checkpoint-every");
    }

    @Test
    void aFileInAMissingFolderNamesThePath() {
        Path file = dir.resolve("missing").resolve("vocab.txt");
        assertEquals(ShapesWorldCli.FILE_PROBLEM, run("vocab", "--out", file.toString()));
        assertOneLine("no such file or directory: " + file);
    }

    @Test
    void aCorruptCheckpointNamesItsProblem() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{ not json");
        Files.writeString(dir.resolve("model.safetensors"), "");
        assertEquals(ShapesWorldCli.CHECKPOINT_UNLOADABLE, run("eval", "--model", dir.toString(), "--n", "1"));
        assertOneLine("config.json");
    }

    @Test
    void anUnexpectedFailureIsNamedAsABugWithItsTraceAndExits70() {
        CommandLine cli = ShapesWorldCli.commandLine().addSubcommand("fails", new Failing());
        cli.setErr(new PrintWriter(err));
        assertEquals(ShapesWorldCli.INTERNAL_ERROR, cli.execute("fails"));
        String printed = err.toString();
        assertTrue(printed.startsWith("error: IllegalStateException: an unexpected state (a bug"), printed);
        assertTrue(printed.contains("\tat "), "the trace to report it with: " + printed);
    }

    @Test
    void aDivergedRunEndsInOneLineAndItsOwnExitCode() {
        CommandLine cli = ShapesWorldCli.commandLine().addSubcommand("diverges", new Diverging());
        cli.setErr(new PrintWriter(err));
        assertEquals(ShapesWorldCli.TRAINING_DIVERGED, cli.execute("diverges"));
        assertOneLine("stage2 step 7: the loss is NaN");
    }

    /** A command whose loss stops being finite. */
    @CommandLine.Command(name = "diverges")
    static final class Diverging implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new dev.uniworld.training.train.TrainingDivergedException("stage2 step 7: the loss is NaN");
        }
    }

    /** A command whose failure no handler expects. */
    @CommandLine.Command(name = "fails")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("an unexpected state");
        }
    }

    private int run(String... args) {
        CommandLine cli = ShapesWorldCli.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    private void assertOneLine(String naming) {
        String printed = err.toString();
        assertTrue(printed.startsWith("error: ") && printed.contains(naming), printed);
        assertFalse(printed.contains("\tat "), "no stack trace: " + printed);
    }
}

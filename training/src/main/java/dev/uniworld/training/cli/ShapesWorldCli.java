package dev.uniworld.training.cli;

import dev.uniworld.model.checkpoint.CheckpointException;
import dev.uniworld.training.train.TrainingDivergedException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shapesworld eval | samples | vocab | train | probe}: the ShapesWorld command line. */
@Command(name = "shapesworld", mixinStandardHelpOptions = true,
        description = "ShapesWorld: procedural tasks with ground truth, and the evaluation harness.",
        subcommands = {EvalCommand.class, SamplesCommand.class, VocabCommand.class, TrainCommand.class,
                ProbeCommand.class})
public final class ShapesWorldCli {

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    /** Exit code of a file that cannot be read or written (as {@code ./uniworld batch} and {@code submit} use). */
    static final int FILE_PROBLEM = 4;
    /** Exit code of a checkpoint that cannot be loaded (as {@code ./uniworld local} and {@code demo} use). */
    static final int CHECKPOINT_UNLOADABLE = 11;
    /** Exit code of a training run whose loss stopped being finite. */
    static final int TRAINING_DIVERGED = 12;
    /** Exit code of an unexpected failure, a bug (as the other commands use). */
    static final int INTERNAL_ERROR = 70;

    /** The command tree with its error handling; tests drive it directly. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ShapesWorldCli());
        // a bad option, an unreadable checkpoint or a missing file: print the reason, not a stack trace
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            if (e instanceof CheckpointException) {
                cmd.getErr().println("error: " + e.getMessage());
                return CHECKPOINT_UNLOADABLE;
            }
            if (e instanceof TrainingDivergedException) {
                cmd.getErr().println("error: " + e.getMessage());
                return TRAINING_DIVERGED;
            }
            if (e instanceof IOException io) {
                cmd.getErr().println("error: " + describe(io));
                return FILE_PROBLEM;
            }
            // anything else is a bug: one line that names it, then the trace to report it with
            cmd.getErr().println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (a bug; the stack trace follows)");
            e.printStackTrace(cmd.getErr());
            return INTERNAL_ERROR;
        });
        return commandLine;
    }

    /** The file and what is wrong with it; the JDK's messages of the common cases give the path alone. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

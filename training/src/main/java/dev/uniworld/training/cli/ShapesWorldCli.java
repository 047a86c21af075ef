package dev.uniworld.training.cli;

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

    /** The command tree with its error handling; tests drive it directly. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ShapesWorldCli());
        // a bad --model or an unreadable checkpoint is a usage problem: print the reason, not a stack trace
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            throw e;
        });
        return commandLine;
    }
}

package dev.uniworld.deploy.cli;

import dev.uniworld.cli.CliException;
import dev.uniworld.cli.ClientCli;
import dev.uniworld.cli.CliErrorHandler;
import dev.uniworld.cli.ExitCodes;
import dev.uniworld.deploy.LocalStack;
import dev.uniworld.pipeline.model.LoadedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the commands that run the stack; the {@code ./uniworld} script dispatches here. */
@Command(name = "uniworld", mixinStandardHelpOptions = true, version = "UniWorld Stream 0.1.0",
        description = "UniWorld Stream: a unified visual model served as a Kafka + Flink pipeline.",
        subcommands = {LocalCommand.class, DemoCommand.class})
public final class UniworldCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line; failures a person can act on become one message and a non-zero exit code. */
    static int run(String... args) {
        CommandLine commandLine = ClientCli.install(new CommandLine(new UniworldCli()));
        CliErrorHandler clientErrors = new CliErrorHandler();
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof LocalStack.PortInUseException) {
                line.getErr().println("error: " + exception.getMessage());
                return ExitCodes.PORT_IN_USE;
            }
            if (exception instanceof LoadedModel.ModelLoadException) { // one line, the trace with --verbose
                return clientErrors.handleExecutionException(new CliException(ExitCodes.MODEL_UNLOADABLE,
                        exception.getMessage(), exception), line, parseResult);
            }
            return clientErrors.handleExecutionException(exception, line, parseResult);
        });
        return commandLine.execute(args);
    }
}

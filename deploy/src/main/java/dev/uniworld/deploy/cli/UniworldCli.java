package dev.uniworld.deploy.cli;

import dev.uniworld.cli.CliException;
import dev.uniworld.cli.ClientCli;
import dev.uniworld.cli.CliErrorHandler;
import dev.uniworld.cli.ExitCodes;
import dev.uniworld.deploy.LocalStack;
import dev.uniworld.pipeline.model.LoadedModel;
import java.util.concurrent.TimeoutException;
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
            CliException known = stackFailure(exception);
            // one line, the trace with --verbose
            return clientErrors.handleExecutionException(known != null ? known : exception, line, parseResult);
        });
        return commandLine.execute(args);
    }

    /** The exit code and message of a failure of the stack's own commands, or null for the client's handler. */
    static CliException stackFailure(Exception exception) {
        if (exception instanceof LoadedModel.ModelLoadException) {
            return new CliException(ExitCodes.MODEL_UNLOADABLE, exception.getMessage(), exception);
        }
        if (exception instanceof TimeoutException) { // the demo's results did not all arrive
            return new CliException(ExitCodes.TIMEOUT, exception.getMessage()
                    + "; a slower machine needs a larger --timeout-s", exception);
        }
        return null;
    }
}

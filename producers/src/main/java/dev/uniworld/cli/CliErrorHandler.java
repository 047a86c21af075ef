package dev.uniworld.cli;

import java.io.PrintWriter;
import java.util.Arrays;

import dev.uniworld.schemas.registry.SchemaRegistryException;
import dev.uniworld.schemas.serde.AvroSerdeException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any exception of a command into {@code error: <message>} and an exit code from {@link ExitCodes}; the stack
 * trace is printed only with {@code --verbose}.
 */
public final class CliErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        CliException known = classify(exception);
        err.println("error: " + known.getMessage());
        boolean verbose = parseResult != null && Arrays.asList(parseResult.originalArgs().toArray(new String[0]))
                .contains("--verbose");
        if (verbose) {
            exception.printStackTrace(err);
        } else if (known.exitCode() == ExitCodes.INTERNAL_ERROR) {
            err.println("(run again with --verbose for the stack trace)");
        }
        err.flush();
        return known.exitCode();
    }

    static CliException classify(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof CliException cli) {
                return cli;
            }
            if (t instanceof dev.uniworld.client.BrokerUnreachableException broker) {
                return new CliException(ExitCodes.BROKER_UNREACHABLE, broker.getMessage());
            }
            if (t instanceof dev.uniworld.client.RequestFactory.BadInputException input) {
                return new CliException(input.missing() ? ExitCodes.FILE_NOT_FOUND : ExitCodes.UNREADABLE_IMAGE,
                        input.getMessage());
            }
            if (t instanceof ConfigException config) { // e.g. a bootstrap server without its port
                return new CliException(ExitCodes.USAGE, "Kafka client configuration: " + config.getMessage());
            }
            if (t instanceof SchemaRegistryException registry) {
                return new CliException(ExitCodes.REGISTRY_UNREACHABLE, "Schema Registry: " + registry.getMessage());
            }
            if (t instanceof AvroSerdeException serde && serde.reason() == AvroSerdeException.Reason.REGISTRY_FAILURE) {
                return new CliException(ExitCodes.REGISTRY_UNREACHABLE, serde.getMessage());
            }
        }
        return new CliException(ExitCodes.INTERNAL_ERROR, exception.getClass().getSimpleName() + ": "
                + exception.getMessage());
    }
}

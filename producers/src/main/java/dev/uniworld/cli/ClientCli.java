package dev.uniworld.cli;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The client commands of {@code ./uniworld} (submit, batch, results, status, gateway). The launcher in
 * {@code deploy} adds them next to {@code local} and {@code demo}; this root serves tests and standalone use.
 */
@Command(name = "uniworld", mixinStandardHelpOptions = true, description = "UniWorld Stream client commands.")
public final class ClientCli {

    /** Every client command, in the order help lists them. */
    public static final List<Class<?>> COMMANDS = List.of(SubmitCommand.class, BatchCommand.class,
            ResultsCommand.class, StatusCommand.class, GatewayCommand.class);

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return install(new CommandLine(new ClientCli()));
    }

    /** Adds the client commands and the error handling (exit codes, no stack traces) to a root command. */
    public static CommandLine install(CommandLine root) {
        COMMANDS.forEach(root::addSubcommand);
        root.setExecutionExceptionHandler(new CliErrorHandler());
        return root;
    }
}

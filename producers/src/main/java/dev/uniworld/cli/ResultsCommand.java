package dev.uniworld.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.uniworld.client.Outcome;
import dev.uniworld.client.ResultWatcher;
import dev.uniworld.client.UniworldClient;
import dev.uniworld.schemas.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code uniworld results}: print outcomes as they are committed, one line each. */
@Command(name = "results", mixinStandardHelpOptions = true, description = "Print results and rejections.")
public final class ResultsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new outcomes until Ctrl-C.")
    boolean follow;

    @Option(names = "--from-beginning", description = "Start with the oldest outcomes instead of new ones.")
    boolean fromBeginning;

    @Option(names = "--idle", description = "Without --follow, stop after this long without news"
            + " (default: ${DEFAULT-VALUE}).")
    Duration idle = Duration.ofSeconds(5);

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        try (UniworldClient client = new UniworldClient(connection.clientConfig(), Topics.local())) {
            client.checkBroker(connection.connectTimeout());
            try (ResultWatcher watcher = client.watch(fromBeginning || !follow)) {
                long quietSince = System.nanoTime();
                while (follow || System.nanoTime() - quietSince < idle.toNanos()) {
                    for (Outcome outcome : watcher.poll(Duration.ofMillis(500), null)) {
                        quietSince = System.nanoTime();
                        spec.commandLine().getOut().println(outcome.requestId() + "  " + outcome.describe());
                    }
                }
            }
        }
        return ExitCodes.OK;
    }
}

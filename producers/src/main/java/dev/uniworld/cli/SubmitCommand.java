package dev.uniworld.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.uniworld.client.Outcome;
import dev.uniworld.client.RequestFactory;
import dev.uniworld.client.ResultWatcher;
import dev.uniworld.client.SentRequest;
import dev.uniworld.client.UniworldClient;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.Task;
import dev.uniworld.schemas.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code uniworld submit}: one request; with {@code --wait}, its answer or image. */
@Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit one request.")
public final class SubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--task", description = "UNDERSTAND, GENERATE, EDIT, PERCEIVE or AUTO (default: ${DEFAULT-VALUE}).")
    Task task = Task.AUTO;

    @Option(names = {"-p", "--prompt"}, required = true, description = "Instruction, question or description.")
    String prompt;

    @Option(names = {"-i", "--image"}, description = "Input image (PNG/JPEG); repeatable.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--id", description = "Request id (default: a new UUID).")
    String requestId;

    @Option(names = "--wait", description = "Wait for the outcome and print the answer or write the image.")
    boolean waitForResult;

    @Option(names = {"-o", "--out"}, description = "Output path without extension (default: out/<request id>).")
    Path out;

    @Option(names = "--timeout", description = "How long --wait waits, e.g. PT2M (default: ${DEFAULT-VALUE}).")
    Duration timeout = Duration.ofMinutes(5);

    @Mixin
    SamplingOptions sampling;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        GenerationRequest request = RequestFactory.request(requestId, task, prompt, images, sampling.parameters(),
                null, null);
        try (UniworldClient client = new UniworldClient(connection.clientConfig(), Topics.local())) {
            client.checkBroker(connection.connectTimeout());
            if (!waitForResult) {
                client.send(List.of(request));
                spec.commandLine().getOut().println(request.getRequestId());
                return ExitCodes.OK;
            }
            try (ResultWatcher watcher = client.watch(false)) {
                List<SentRequest> sent = client.send(List.of(request));
                spec.commandLine().getErr().println("submitted " + request.getRequestId()
                        + "; waiting for the result...");
                Outcome outcome = await(watcher, sent);
                if (!outcome.succeeded()) {
                    spec.commandLine().getOut().println(outcome.describe());
                    return ExitCodes.REQUEST_FAILED;
                }
                if (outcome.result().getAnswer() != null) {
                    spec.commandLine().getOut().println(outcome.result().getAnswer());
                } else {
                    Path base = out != null ? out : Path.of("out", request.getRequestId());
                    spec.commandLine().getOut().println("wrote " + OutputFiles.write(outcome, base));
                }
                return ExitCodes.OK;
            }
        }
    }

    private Outcome await(ResultWatcher watcher, List<SentRequest> sent) {
        String id = sent.get(0).requestId();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Outcome> outcomes = watcher.pollFor(Duration.ofMillis(500), sent);
            if (!outcomes.isEmpty()) {
                return outcomes.get(0);
            }
        }
        throw new CliException(ExitCodes.TIMEOUT, "no result for " + id + " within " + timeout
                + "; check ./uniworld status " + id);
    }
}

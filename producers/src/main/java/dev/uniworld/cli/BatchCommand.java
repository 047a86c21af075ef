package dev.uniworld.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import dev.uniworld.client.Outcome;
import dev.uniworld.client.RequestFactory;
import dev.uniworld.client.ResultWatcher;
import dev.uniworld.client.SentRequest;
import dev.uniworld.client.UniworldClient;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.Task;
import dev.uniworld.schemas.topics.Topics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code uniworld batch}: a folder of images through the pipeline, outputs under the same names. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Run every image of a folder through the model (one instruction, or one per image from a"
                + " CSV/JSONL file); outputs keep the input names. Exits 1 if any request failed.")
public final class BatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Folder of PNG/JPEG images.")
    Path folder;

    @ArgGroup(multiplicity = "1")
    Instructions instructions;

    /** Exactly one of the two. */
    static final class Instructions {
        @Option(names = {"-p", "--prompt"}, description = "One instruction for every image.")
        String prompt;

        @Option(names = "--instructions", description = "CSV (file,instruction) or JSONL ({file, prompt}) list.")
        Path list;
    }

    @Option(names = "--task", description = "Task of every request (default: ${DEFAULT-VALUE}).")
    Task task = Task.EDIT;

    @Option(names = {"-o", "--out"}, description = "Output folder (default: <folder>-out).")
    Path out;

    @Option(names = "--batch-id", description = "Batch id (default: a new UUID).")
    String batchId;

    @Option(names = "--timeout", description = "How long to wait for all results (default: ${DEFAULT-VALUE}).")
    Duration timeout = Duration.ofMinutes(30);

    @Mixin
    SamplingOptions sampling;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        List<BatchInputs.Item> items = instructions.prompt != null ? BatchInputs.fromFolder(folder, instructions.prompt)
                : BatchInputs.fromList(folder, instructions.list);
        String id = batchId != null ? batchId : UUID.randomUUID().toString();
        Map<String, BatchInputs.Item> byRequest = new LinkedHashMap<>();
        List<GenerationRequest> requests = new ArrayList<>();
        for (BatchInputs.Item item : items) {
            GenerationRequest request = RequestFactory.request(null, task, item.prompt(), List.of(item.image()),
                    sampling.parameters(), id, items.size());
            byRequest.put(request.getRequestId(), item);
            requests.add(request);
        }
        Path outDir = out != null ? out : Path.of(folder.toAbsolutePath().normalize() + "-out");
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) { // found now, not after every request was sent
            throw new CliException(ExitCodes.USAGE, "--out " + outDir + " is a file, not a folder");
        }
        try (UniworldClient client = new UniworldClient(connection.clientConfig(), Topics.local())) {
            client.checkBroker(connection.connectTimeout());
            try (ResultWatcher watcher = client.watch(false)) {
                long start = System.nanoTime();
                List<SentRequest> sent = client.send(requests);
                spec.commandLine().getErr().println("batch " + id + ": " + requests.size() + " requests submitted");
                Map<String, Outcome> outcomes = collect(watcher, sent, byRequest, outDir);
                return summarize(id, outcomes, byRequest, outDir, (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private Map<String, Outcome> collect(ResultWatcher watcher, List<SentRequest> sent,
                                         Map<String, BatchInputs.Item> byRequest, Path outDir) {
        Map<String, Outcome> outcomes = new HashMap<>();
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), byRequest.size());
        int succeeded = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outcomes.size() < byRequest.size() && System.nanoTime() < deadline) {
            for (Outcome outcome : watcher.pollFor(Duration.ofMillis(500), sent)) {
                if (outcomes.putIfAbsent(outcome.requestId(), outcome) == null && outcome.succeeded()) {
                    succeeded++;
                    OutputFiles.write(outcome, outDir.resolve(OutputFiles.stem(byRequest.get(outcome.requestId())
                            .image())));
                }
            }
            bar.show(succeeded, outcomes.size() - succeeded);
        }
        bar.finish(succeeded, outcomes.size() - succeeded);
        return outcomes;
    }

    private int summarize(String id, Map<String, Outcome> outcomes, Map<String, BatchInputs.Item> byRequest,
                          Path outDir, double seconds) {
        long ok = outcomes.values().stream().filter(Outcome::succeeded).count();
        long failed = outcomes.size() - ok;
        int missing = byRequest.size() - outcomes.size();
        spec.commandLine().getOut().printf("batch %s: %d requests, %d succeeded, %d failed%s"
                + " in %.1f s (%.2f req/s); outputs in %s%n",
                id, byRequest.size(), ok, failed, missing > 0 ? ", " + missing + " without a result" : "", seconds,
                outcomes.size() / Math.max(seconds, 1e-3), outDir);
        outcomes.values().stream().filter(o -> !o.succeeded()).forEach(o ->
                spec.commandLine().getOut().println("  " + byRequest.get(o.requestId()).image().getFileName() + ": "
                        + o.describe()));
        if (missing > 0) {
            throw new CliException(ExitCodes.TIMEOUT, missing + " of " + byRequest.size() + " requests had no result"
                    + " within " + timeout + "; follow them with ./uniworld status " + id);
        }
        return failed > 0 ? ExitCodes.REQUEST_FAILED : ExitCodes.OK;
    }
}

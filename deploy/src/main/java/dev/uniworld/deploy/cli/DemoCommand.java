package dev.uniworld.deploy.cli;

import dev.uniworld.deploy.demo.DemoRun;
import dev.uniworld.pipeline.config.ModelSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./uniworld demo}: the bundled batch through the whole stack, results in a gallery, a summary. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the embedded stack and the Flink pipeline (web UI), run the bundled batch of requests "
                + "through it, write the results with an index.html gallery and print a summary.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Gallery directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out", "demo");

    @Option(names = "--serve", description = "Keep the stack and pipeline running after the batch, for the dashboard.")
    boolean serve;

    @Option(names = "--ui-port", description = "Flink web UI port; 0 = free port, as is a port another server "
            + "holds (default: ${DEFAULT-VALUE}).")
    int uiPort = 8088;

    @Option(names = "--model", description = "Model checkpoint directory; when missing, the tiny preset with seeded "
            + "random weights (default: ${DEFAULT-VALUE}).")
    String model = ModelSettings.DEFAULT_CHECKPOINT_DIR;

    @Option(names = "--parallelism", description = "Subtasks per stage (default: ${DEFAULT-VALUE}).")
    int parallelism = 1;

    @Option(names = "--timeout-s", description = "Seconds to wait for all results (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = 600;

    @Option(names = "--verbose", description = "Keep Flink's, Kafka's and DJL's own warnings on the console.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NumericOptions.requireInRange(spec, "--ui-port", uiPort, 0);
        NumericOptions.requireAtLeast(spec, "--parallelism", parallelism, 1);
        NumericOptions.requireAtLeast(spec, "--timeout-s", timeoutSeconds, 1);
        if (!verbose) {
            ConsoleLogging.onlyErrorsFromLibraries();
        }
        return new DemoRun(out, serve, uiPort, model, parallelism, Duration.ofSeconds(timeoutSeconds))
                .run(System.out);
    }
}

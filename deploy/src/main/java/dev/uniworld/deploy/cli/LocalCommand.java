package dev.uniworld.deploy.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.uniworld.deploy.LocalStack;
import dev.uniworld.deploy.LocalStackConfig;
import dev.uniworld.deploy.StackPipeline;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.local.LocalPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./uniworld local}: the whole local stack (broker, registry, topics, gateway, and the generation pipeline on
 * a Flink mini cluster with its web UI), its endpoints printed, running until Ctrl-C.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Start the local stack (Kafka broker, Schema Registry, topics, request gateway, generation"
                + " pipeline with the Flink web UI) and keep it running until Ctrl-C.")
public final class LocalCommand implements Callable<Integer> {

    @Option(names = "--kafka-port", description = "Kafka client port on 127.0.0.1; 0 = free port"
            + " (default: ${DEFAULT-VALUE}).")
    int kafkaPort = LocalStackConfig.DEFAULT_KAFKA_PORT;

    @Option(names = "--registry-port", description = "Schema Registry HTTP port; 0 = free port"
            + " (default: ${DEFAULT-VALUE}).")
    int registryPort = LocalStackConfig.DEFAULT_REGISTRY_PORT;

    @Option(names = "--gateway-port", description = "Gateway status port; 0 = free port, -1 = no gateway"
            + " (default: ${DEFAULT-VALUE}).")
    int gatewayPort = LocalStackConfig.DEFAULT_GATEWAY_PORT;

    @Option(names = "--ui-port", description = "Flink web UI / REST port; 0 = free port (default: ${DEFAULT-VALUE}).")
    int uiPort = 8088;

    @Option(names = "--no-pipeline", description = "Run the broker, registry and gateway only.")
    boolean noPipeline;

    @Option(names = "--model", description = "Model checkpoint directory; when missing, the tiny preset with seeded"
            + " random weights (default: ${DEFAULT-VALUE}).")
    String model = ModelSettings.DEFAULT_CHECKPOINT_DIR;

    @Option(names = "--parallelism", description = "Subtasks per pipeline stage (default: ${DEFAULT-VALUE}).")
    int parallelism = 1;

    @Option(names = "--data-dir", description = "Directory kept across restarts (default: ${DEFAULT-VALUE}).")
    Path dataDir = LocalStackConfig.DEFAULT_DATA_DIR;

    @Option(names = "--ephemeral", description = "Use a temporary data directory, deleted on exit.")
    boolean ephemeral;

    @Option(names = "--partitions", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions = 2;

    @Option(names = "--verbose", description = "Keep Flink's and Kafka's own warnings on the console.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NumericOptions.requireInRange(spec, "--kafka-port", kafkaPort, 0);
        NumericOptions.requireInRange(spec, "--registry-port", registryPort, 0);
        NumericOptions.requireInRange(spec, "--gateway-port", gatewayPort, LocalStackConfig.NO_GATEWAY);
        NumericOptions.requireInRange(spec, "--ui-port", uiPort, 0);
        NumericOptions.requireAtLeast(spec, "--parallelism", parallelism, 1);
        NumericOptions.requireAtLeast(spec, "--partitions", partitions, 1);
        if (!noPipeline) {
            // checked before the stack starts: Flink would only fail later, with a bind error
            LocalStack.requirePortFree(uiPort, "Flink web UI", "--ui-port");
        }
        if (!verbose) {
            ConsoleLogging.onlyErrorsFromLibraries();
        }
        LocalStackConfig config = new LocalStackConfig(kafkaPort, registryPort,
                ephemeral ? Optional.empty() : Optional.of(dataDir), partitions, gatewayPort);
        System.out.println("Starting the UniWorld Stream local stack...");
        LocalStack stack = LocalStack.start(config);
        LocalPipeline pipeline;
        try {
            pipeline = noPipeline ? null
                    : LocalPipeline.start(StackPipeline.config(stack, model, parallelism, "uniworld-local"), uiPort);
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            if (pipeline != null) {
                try {
                    pipeline.close();
                } catch (Exception e) {
                    System.err.println("warning: the pipeline did not stop cleanly: " + e.getMessage());
                }
            }
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        stack.endpoints().forEach((name, value) -> System.out.printf("  %-26s %s%n", name, value));
        if (pipeline != null) {
            System.out.printf("  %-26s %s   (job %s)%n", "Flink web UI", pipeline.restUrl(), pipeline.jobId());
        }
        System.out.println("  Topics                     " + String.join(", ",
                stack.topics().all().stream().map(t -> t.name()).toList()));
        System.out.println("Ready. Try: ./uniworld batch samples/edits --instructions samples/edits/instructions.csv"
                + "   (Ctrl-C stops the stack)");
        stopped.await();
        return 0;
    }
}

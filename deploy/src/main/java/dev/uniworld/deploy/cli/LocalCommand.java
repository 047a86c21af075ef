package dev.uniworld.deploy.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.uniworld.deploy.LocalStack;
import dev.uniworld.deploy.LocalStackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./uniworld local}: starts the embedded stack, prints its endpoints and runs until Ctrl-C. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Start the local stack (Kafka broker, Schema Registry, topics, request gateway) and keep it"
                + " running until Ctrl-C.")
public final class LocalCommand implements Callable<Integer> {

    @Option(names = "--kafka-port", description = "Kafka client port on 127.0.0.1; 0 = free port (default: ${DEFAULT-VALUE}).")
    int kafkaPort = LocalStackConfig.DEFAULT_KAFKA_PORT;

    @Option(names = "--registry-port", description = "Schema Registry HTTP port; 0 = free port (default: ${DEFAULT-VALUE}).")
    int registryPort = LocalStackConfig.DEFAULT_REGISTRY_PORT;

    @Option(names = "--data-dir", description = "Directory kept across restarts (default: ${DEFAULT-VALUE}).")
    Path dataDir = LocalStackConfig.DEFAULT_DATA_DIR;

    @Option(names = "--ephemeral", description = "Use a temporary data directory, deleted on exit.")
    boolean ephemeral;

    @Option(names = "--partitions", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions = 2;

    @Option(names = "--gateway-port", description = "Gateway status port; 0 = free port, -1 = no gateway"
            + " (default: ${DEFAULT-VALUE}).")
    int gatewayPort = LocalStackConfig.DEFAULT_GATEWAY_PORT;

    @Override
    public Integer call() throws InterruptedException {
        LocalStackConfig config = new LocalStackConfig(kafkaPort, registryPort,
                ephemeral ? Optional.empty() : Optional.of(dataDir), partitions, gatewayPort);
        System.out.println("Starting the UniWorld Stream local stack...");
        LocalStack stack = LocalStack.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        stack.endpoints().forEach((name, value) -> System.out.printf("  %-26s %s%n", name, value));
        System.out.println("  Topics                     " + String.join(", ",
                stack.topics().all().stream().map(t -> t.name()).toList()));
        System.out.println("Ready. Try: curl " + stack.schemaRegistryUrl() + "/subjects   (Ctrl-C stops the stack)");
        stopped.await();
        return 0;
    }
}

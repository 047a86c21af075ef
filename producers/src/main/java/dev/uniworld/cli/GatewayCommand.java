package dev.uniworld.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.uniworld.gateway.Gateway;
import dev.uniworld.gateway.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code uniworld gateway}: run one gateway instance against an existing cluster, until Ctrl-C. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run the request gateway (validation, dedup, batch tracking, status endpoint) until Ctrl-C.")
public final class GatewayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--application-id", description = "Kafka Streams application id (default: ${DEFAULT-VALUE}).")
    String applicationId = GatewayConfig.DEFAULT_APPLICATION_ID;

    @Option(names = "--status-host", description = "Address the status endpoint binds to and other instances use"
            + " to reach it, e.g. the pod IP (default: ${DEFAULT-VALUE}).")
    String statusHost = "127.0.0.1";

    @Option(names = "--status-port", description = "Status endpoint port (default: ${DEFAULT-VALUE}).")
    int statusPort = GatewayConfig.DEFAULT_STATUS_PORT;

    @Option(names = "--state-dir", description = "State store directory (default: ${DEFAULT-VALUE}).")
    Path stateDir = Path.of("data", "gateway-state");

    @Mixin
    ConnectionOptions connection;

    /** Longest wait for the gateway to start, restores included. */
    private static final int MOST_START_MINUTES = 30;

    @Override
    public Integer call() throws InterruptedException {
        if (statusPort < 0 || statusPort > 65_535) {
            throw new CliException(ExitCodes.USAGE, "--status-port must lie in 0..65535, was " + statusPort);
        }
        GatewayConfig defaults = GatewayConfig.defaults("unused", "unused");
        GatewayConfig config = new GatewayConfig(applicationId, connection.clientConfig(), stateDir,
                statusHost, statusPort, defaults.dedupWindow(), defaults.statusRetention(), defaults.limits(),
                defaults.topics());
        Gateway gateway = Gateway.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        awaitRunning(gateway);
        spec.commandLine().getOut().println("Gateway running; status endpoint " + gateway.statusUrl()
                + " (Ctrl-C stops it)");
        stopped.await();
        return ExitCodes.OK;
    }

    /**
     * Waits for RUNNING two minutes at a time for as long as the gateway restores its stores: restoring large stores
     * from their changelogs may take longer, and a server that gave up would start the restore over. Two minutes
     * without a restored record (a broker that does not answer, say), or {@link #MOST_START_MINUTES} in all (a thread
     * that fails mid-restore again and again restores on for ever), end the wait with an error.
     */
    private void awaitRunning(Gateway gateway) {
        long deadline = System.nanoTime() + Duration.ofMinutes(MOST_START_MINUTES).toNanos();
        while (true) {
            long restored = gateway.restoredRecords();
            try {
                gateway.awaitRunning(Duration.ofMinutes(2));
                return;
            } catch (IllegalStateException e) {
                if (!gateway.state().isRunningOrRebalancing() || Thread.currentThread().isInterrupted()
                        || gateway.restoredRecords() == restored || System.nanoTime() > deadline) {
                    throw e;
                }
                spec.commandLine().getErr().println("Gateway still restoring its stores (" + gateway.restoredRecords()
                        + " records so far); waiting");
            }
        }
    }
}

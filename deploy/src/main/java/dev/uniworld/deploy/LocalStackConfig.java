package dev.uniworld.deploy;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings of {@code ./uniworld local}.
 *
 * @param kafkaPort    client port of the embedded broker on 127.0.0.1; 0 picks a free one (default 9092)
 * @param registryPort HTTP port of the embedded Schema Registry; 0 picks a free one (default 8081)
 * @param dataDir      where the broker keeps its logs (and so topics, records and schemas) across restarts;
 *                     empty for a throw-away directory (default {@code data/local})
 * @param partitions   partitions of the request, result, rejection and batch topics (default 2)
 * @param gatewayPort  port of the gateway's status endpoint; 0 picks a free one; -1 runs no gateway (default 8082)
 */
public record LocalStackConfig(int kafkaPort, int registryPort, Optional<Path> dataDir, int partitions,
                               int gatewayPort) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_REGISTRY_PORT = 8081;
    public static final Path DEFAULT_DATA_DIR = Path.of("data", "local");
    public static final int DEFAULT_GATEWAY_PORT = 8082;
    public static final int NO_GATEWAY = -1;

    public LocalStackConfig {
        if (gatewayPort < NO_GATEWAY) {
            throw new IllegalArgumentException("gatewayPort must be -1 (none), 0 (free) or a port, was " + gatewayPort);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
    }

    public static LocalStackConfig defaults() {
        return new LocalStackConfig(DEFAULT_KAFKA_PORT, DEFAULT_REGISTRY_PORT, Optional.of(DEFAULT_DATA_DIR), 2,
                DEFAULT_GATEWAY_PORT);
    }

    /** The same stack without the request gateway. */
    public LocalStackConfig withoutGateway() {
        return new LocalStackConfig(kafkaPort, registryPort, dataDir, partitions, NO_GATEWAY);
    }

    /** Free ports and a temporary directory: what tests use. */
    public static LocalStackConfig ephemeral() {
        return new LocalStackConfig(0, 0, Optional.empty(), 2, 0);
    }
}

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
 */
public record LocalStackConfig(int kafkaPort, int registryPort, Optional<Path> dataDir, int partitions) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_REGISTRY_PORT = 8081;
    public static final Path DEFAULT_DATA_DIR = Path.of("data", "local");

    public LocalStackConfig {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
    }

    public static LocalStackConfig defaults() {
        return new LocalStackConfig(DEFAULT_KAFKA_PORT, DEFAULT_REGISTRY_PORT, Optional.of(DEFAULT_DATA_DIR), 2);
    }

    /** Free ports and a temporary directory: what tests use. */
    public static LocalStackConfig ephemeral() {
        return new LocalStackConfig(0, 0, Optional.empty(), 2);
    }
}

package dev.uniworld.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the in-JVM broker.
 *
 * @param port           client listener port on 127.0.0.1; 0 picks a free port (default 0)
 * @param controllerPort KRaft controller listener port; 0 picks a free port (default 0)
 * @param dataDir        log directory; when present it is kept across restarts (formatted only the first time),
 *                       when empty a temporary directory is used and deleted on close (default empty)
 * @param partitions     default partition count of topics created without one (default 1)
 * @param overrides      extra broker properties, applied last (default none)
 */
public record EmbeddedKafkaConfig(int port, int controllerPort, Optional<Path> dataDir, int partitions,
                                  Map<String, String> overrides) {

    public EmbeddedKafkaConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (controllerPort < 0 || controllerPort > 65535) {
            throw new IllegalArgumentException("controllerPort must be 0..65535, was " + controllerPort);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        overrides = Map.copyOf(overrides);
    }

    /** Free ports, a temporary data directory, one partition per topic. */
    public static EmbeddedKafkaConfig defaults() {
        return new EmbeddedKafkaConfig(0, 0, Optional.empty(), 1, Map.of());
    }

    public EmbeddedKafkaConfig withDataDir(Path dir) {
        return new EmbeddedKafkaConfig(port, controllerPort, Optional.of(dir), partitions, overrides);
    }

    public EmbeddedKafkaConfig withPort(int clientPort) {
        return new EmbeddedKafkaConfig(clientPort, controllerPort, dataDir, partitions, overrides);
    }

    public EmbeddedKafkaConfig withOverrides(Map<String, String> extra) {
        return new EmbeddedKafkaConfig(port, controllerPort, dataDir, partitions, extra);
    }
}

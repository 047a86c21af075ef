package dev.uniworld.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.uniworld.gateway.validation.ValidationLimits;
import dev.uniworld.schemas.topics.Topics;

/**
 * Settings of one gateway instance.
 *
 * @param applicationId  Kafka Streams application id: instances with the same id share the work (default
 *                       {@code uniworld-gateway})
 * @param clientConfig   Kafka and registry client properties: {@code bootstrap.servers}, {@code schema.registry.url},
 *                       security settings (SASL/SSL) passed through unchanged
 * @param stateDir       where the state stores live on disk (default {@code data/gateway-state})
 * @param statusHost     host name other instances use to reach this one's status endpoint (default 127.0.0.1)
 * @param statusPort     port of the status endpoint; 0 picks a free one (default 8082)
 * @param dedupWindow    how long a request id is remembered for deduplication (default 24 h)
 * @param statusRetention how long a request's status and a batch's counts are kept after their last change (default
 *                       7 days); older ones are deleted, so that the stores and their changelogs do not grow for ever
 * @param limits         validation limits (default {@link ValidationLimits#defaults()})
 * @param topics         topic names (default {@link Topics#local()})
 */
public record GatewayConfig(String applicationId, Map<String, Object> clientConfig, Path stateDir, String statusHost,
                            int statusPort, Duration dedupWindow, Duration statusRetention, ValidationLimits limits,
                            Topics topics) {

    public static final String DEFAULT_APPLICATION_ID = "uniworld-gateway";
    public static final int DEFAULT_STATUS_PORT = 8082;

    public GatewayConfig {
        clientConfig = Map.copyOf(clientConfig);
        if (!clientConfig.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("clientConfig needs bootstrap.servers");
        }
        if (!clientConfig.containsKey("schema.registry.url")) {
            throw new IllegalArgumentException("clientConfig needs schema.registry.url");
        }
        if (dedupWindow.isNegative() || dedupWindow.isZero()) {
            throw new IllegalArgumentException("dedupWindow must be positive, was " + dedupWindow);
        }
        if (statusRetention.isNegative() || statusRetention.isZero()) {
            throw new IllegalArgumentException("statusRetention must be positive, was " + statusRetention);
        }
    }

    /** Defaults for a gateway next to the given broker and registry. */
    public static GatewayConfig defaults(String bootstrapServers, String registryUrl) {
        return new GatewayConfig(DEFAULT_APPLICATION_ID,
                Map.of("bootstrap.servers", bootstrapServers, "schema.registry.url", registryUrl),
                Path.of("data", "gateway-state"), "127.0.0.1", DEFAULT_STATUS_PORT, Duration.ofHours(24),
                Duration.ofDays(7), ValidationLimits.defaults(), Topics.local());
    }

    public GatewayConfig withStatusPort(int port) {
        return new GatewayConfig(applicationId, clientConfig, stateDir, statusHost, port, dedupWindow, statusRetention,
                limits, topics);
    }

    public GatewayConfig withStateDir(Path dir) {
        return new GatewayConfig(applicationId, clientConfig, dir, statusHost, statusPort, dedupWindow, statusRetention,
                limits, topics);
    }
}

package dev.uniworld.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine.Option;

/**
 * Where the broker, registry and gateway are, and how to authenticate. Later sources win: defaults (the local
 * stack), then {@code --config FILE} (any Kafka client property: {@code security.protocol}, {@code sasl.*},
 * {@code ssl.*}, and registry properties such as {@code basic.auth.user.info}), then environment variables
 * ({@code UNIWORLD_BOOTSTRAP_SERVERS}, {@code UNIWORLD_REGISTRY_URL}, {@code UNIWORLD_STATUS_URL}), then flags.
 */
public final class ConnectionOptions {

    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    static final String DEFAULT_REGISTRY = "http://127.0.0.1:8081";
    static final String DEFAULT_STATUS = "http://127.0.0.1:8082";

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (env UNIWORLD_BOOTSTRAP_SERVERS;"
            + " default " + DEFAULT_BOOTSTRAP + ").")
    String bootstrapServers;

    @Option(names = "--registry-url", description = "Schema Registry URL (env UNIWORLD_REGISTRY_URL; default "
            + DEFAULT_REGISTRY + ").")
    String registryUrl;

    @Option(names = "--status-url", description = "Gateway status endpoint (env UNIWORLD_STATUS_URL; default "
            + DEFAULT_STATUS + ").")
    String statusUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with Kafka client and registry settings (SASL, SSL, basic auth...).")
    Path configFile;

    @Option(names = {"-X", "--property"}, paramLabel = "KEY=VALUE", description = "One client property; repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--connect-timeout", description = "How long to wait for the broker to answer"
            + " (default: ${DEFAULT-VALUE}).")
    java.time.Duration connectTimeout = java.time.Duration.ofSeconds(10);

    @Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    /** Environment lookup; replaced in tests. */
    java.util.function.Function<String, String> environment = System::getenv;

    /** Kafka client properties plus {@code schema.registry.url}. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", DEFAULT_BOOTSTRAP);
        config.put("schema.registry.url", DEFAULT_REGISTRY);
        if (configFile != null) {
            config.putAll(readFile(configFile));
        }
        putIfSet(config, "bootstrap.servers", environment.apply("UNIWORLD_BOOTSTRAP_SERVERS"));
        putIfSet(config, "schema.registry.url", environment.apply("UNIWORLD_REGISTRY_URL"));
        config.putAll(properties);
        putIfSet(config, "bootstrap.servers", bootstrapServers);
        putIfSet(config, "schema.registry.url", registryUrl);
        return config;
    }

    /** The broker's time to answer; a zero or negative one is a usage error here, not the Kafka client's later. */
    public java.time.Duration connectTimeout() {
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new CliException(ExitCodes.USAGE, "--connect-timeout must be positive, was " + connectTimeout);
        }
        return connectTimeout;
    }

    /** Base URL of the gateway status endpoint. */
    public String statusUrl() {
        if (statusUrl != null) {
            return statusUrl;
        }
        String fromEnv = environment.apply("UNIWORLD_STATUS_URL");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_STATUS;
    }

    private static void putIfSet(Map<String, Object> config, String key, String value) {
        if (value != null && !value.isBlank()) {
            config.put(key, value);
        }
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isReadable(file)) {
            throw new CliException(ExitCodes.FILE_NOT_FOUND, "config file " + file + " does not exist or is not"
                    + " readable");
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FILE_NOT_FOUND, "cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        props.stringPropertyNames().forEach(name -> values.put(name, props.getProperty(name)));
        return values;
    }
}

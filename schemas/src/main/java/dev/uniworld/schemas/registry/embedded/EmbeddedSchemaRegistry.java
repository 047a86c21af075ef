package dev.uniworld.schemas.registry.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Schema Registry for local runs and tests: an HTTP server on loopback speaking the Confluent REST API subset this
 * project uses, with schemas kept in a compacted Kafka topic so they survive a restart.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    /**
     * @param bootstrapServers the Kafka cluster that stores the schemas (required)
     * @param port             HTTP port on 127.0.0.1; 0 picks a free one (default 0)
     * @param topic            the storage topic (default {@code _schemas}, as Confluent's)
     */
    public record Config(String bootstrapServers, int port, String topic) {
        public Config {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("bootstrapServers is required");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
        }

        public static Config of(String bootstrapServers) {
            return new Config(bootstrapServers, 0, "_schemas");
        }

        public Config withPort(int httpPort) {
            return new Config(bootstrapServers, httpPort, topic);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final KafkaSchemaLog log;

    private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, KafkaSchemaLog log) {
        this.server = server;
        this.executor = executor;
        this.log = log;
    }

    /** Reads the storage topic back, then starts serving. */
    public static EmbeddedSchemaRegistry start(Config config) {
        KafkaSchemaLog log = new KafkaSchemaLog(config.bootstrapServers(), config.topic());
        try {
            RegistryService service = new RegistryService(log);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", config.port()), 50);
            ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "schema-registry-http");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext("/", new RegistryHttpHandler(service));
            server.start();
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(server, executor, log);
            LOG.info("Embedded Schema Registry at {} (storage topic {})", registry.url(), config.topic());
            return registry;
        } catch (IOException e) {
            log.close();
            throw new UncheckedIOException("Could not open the registry's HTTP port " + config.port(), e);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        log.close();
    }
}

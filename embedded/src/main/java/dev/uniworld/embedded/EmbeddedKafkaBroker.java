package dev.uniworld.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (combined broker + controller) running inside this JVM, built from
 * Kafka's production classes: the log directory is formatted with {@link Formatter} (as {@code kafka-storage format}
 * does) and the node runs as {@link KafkaRaftServer}. It listens on loopback only.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";

    private final EmbeddedKafkaConfig config;
    private final Path logDir;
    private final boolean temporaryDir;
    private final int port;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(EmbeddedKafkaConfig config, Path logDir, boolean temporaryDir, int port,
                                KafkaRaftServer server) {
        this.config = config;
        this.logDir = logDir;
        this.temporaryDir = temporaryDir;
        this.port = port;
        this.server = server;
    }

    /** Formats the log directory if it is new, starts the node and waits until it serves clients. */
    public static EmbeddedKafkaBroker start(EmbeddedKafkaConfig config) {
        try {
            boolean temporary = config.dataDir().isEmpty();
            Path dir = temporary ? Files.createTempDirectory("uniworld-kafka-") : config.dataDir().get();
            Files.createDirectories(dir);
            int clientPort = config.port() == 0 ? freePort() : config.port();
            int controllerPort = config.controllerPort() == 0 ? freePort() : config.controllerPort();
            Properties props = brokerProperties(config, dir, clientPort, controllerPort);
            formatIfNew(dir, props);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config, dir, temporary, clientPort, server);
            broker.awaitReady(Duration.ofSeconds(60));
            LOG.info("Embedded Kafka broker ready on {} (data in {})", broker.bootstrapServers(), dir);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the broker's data directory", e);
        }
    }

    /** {@code host:port} of the client listener. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    public EmbeddedKafkaConfig config() {
        return config;
    }

    static Properties brokerProperties(EmbeddedKafkaConfig config, Path dir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.toAbsolutePath().toString());
        p.put("num.partitions", String.valueOf(config.partitions()));
        // One node: every internal topic must live with replication factor 1.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly with their configs; a typo in a topic name must not create a new topic.
        p.put("auto.create.topics.enable", "false");
        // Images travel inline up to a few MiB: raise the broker's default 1 MiB record limit.
        p.put("message.max.bytes", String.valueOf(16 * 1024 * 1024));
        p.put("replica.fetch.max.bytes", String.valueOf(16 * 1024 * 1024));
        p.putAll(config.overrides());
        return p;
    }

    private static void formatIfNew(Path dir, Properties props) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(dir.toAbsolutePath().toString())
                    .setControllerListenerName(props.getProperty("controller.listener.names"))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka log directory " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        close();
                        throw new IllegalStateException("Embedded Kafka broker did not become ready on "
                                + bootstrapServers() + " within " + timeout.toSeconds() + " s", notYet);
                    }
                }
                sleep(100);
            }
        }
    }

    /** Stops the node; a temporary data directory is deleted, a configured one is kept for the next start. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (temporaryDir) {
            deleteRecursively(logDir);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete temporary Kafka directory {}: {}", dir, e.getMessage());
        }
    }
}

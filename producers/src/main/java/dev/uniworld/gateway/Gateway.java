package dev.uniworld.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

import dev.uniworld.gateway.http.StatusServer;
import dev.uniworld.gateway.http.StoreLookup;
import dev.uniworld.schemas.registry.RegistryClientConfig;
import dev.uniworld.schemas.registry.RestSchemaRegistryClient;
import dev.uniworld.schemas.serde.SerdeSettings;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running gateway instance: the Kafka Streams application plus its status endpoint. */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final KafkaStreams streams;
    private final StatusServer status;
    private final RestSchemaRegistryClient registry;
    private final String statusUrl;
    private final RestoreProgress restores;

    private Gateway(KafkaStreams streams, StatusServer status, RestSchemaRegistryClient registry, String statusUrl,
            RestoreProgress restores) {
        this.restores = restores;
        this.streams = streams;
        this.status = status;
        this.registry = registry;
        this.statusUrl = statusUrl;
    }

    public static Gateway start(GatewayConfig requested) {
        StatusServer status;
        try {
            status = StatusServer.bind(requested.statusHost(), requested.statusPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the gateway status port " + requested.statusPort(), e);
        }
        GatewayConfig config = requested.withStatusPort(status.port());
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(
                RegistryClientConfig.fromMap(config.clientConfig()));
        StreamsBuilder builder = new StreamsBuilder();
        RequestGateway.buildTopology(builder,
                GatewayTopics.create(config.topics(), registry, SerdeSettings.fromMap(config.clientConfig())),
                config.limits(), config.dedupWindow(), config.statusRetention());
        Properties props = RequestGateway.streamsConfig(config);
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        // A failure that escapes a task (e.g. the registry briefly unreachable) restarts the thread; with
        // exactly-once the task resumes from its last commit, so nothing is lost or written twice.
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("Gateway stream thread failed; replacing it", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        RestoreProgress restores = new RestoreProgress();
        streams.setGlobalStateRestoreListener(restores);
        HostInfo self = new HostInfo(config.statusHost(), status.port());
        status.start(new StoreLookup(streams, self, RequestStatusProcessor.STORE, BatchTracker.BATCHES_STORE));
        streams.start();
        String url = "http://" + config.statusHost() + ":" + status.port();
        LOG.info("Gateway {} started; status endpoint {}", config.applicationId(), url);
        return new Gateway(streams, status, registry, url, restores);
    }

    /** Base URL of the status endpoint ({@code /requests/{id}}, {@code /batches/{id}}). */
    public String statusUrl() {
        return statusUrl;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Records restored into the stores from their changelogs since the start: a start that takes long but moves. */
    public long restoredRecords() {
        return restores.restoredRecords();
    }

    /** Waits until the application is RUNNING (all tasks assigned and restored). */
    public void awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()) {
                throw new IllegalStateException("Gateway did not reach RUNNING within " + timeout + " (state "
                        + streams.state() + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the gateway", e);
            }
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        status.close();
        registry.close();
    }
}

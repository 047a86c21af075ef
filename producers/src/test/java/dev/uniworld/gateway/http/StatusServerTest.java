package dev.uniworld.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The status endpoint answers every lookup with a status code and a JSON body, also in the moments of a rebalance
 * or a shutdown that the running gateways of {@code GatewayRoutingIT} rarely hit: a dropped connection reads to a
 * client as a gateway that is down.
 */
class StatusServerTest {

    @TempDir
    Path stateDir;

    @Test
    void aKeyWithNoOwnerForAMomentAnswers503() throws Exception {
        HttpResponse<String> answer = get(() -> new KeyQueryMetadata(HostInfo.unavailable(), java.util.Set.of(), 0),
                KafkaStreams.State.REBALANCING);
        assertEquals(503, answer.statusCode());
        assertTrue(answer.body().contains("being reassigned; retry shortly"), answer.body());
    }

    @Test
    void aGatewayThatStopsBetweenTheCheckAndTheQueryAnswers503() throws Exception {
        // running when the lookup checks, shutting down when it queries
        HttpResponse<String> answer = get(() -> {
            throw new IllegalStateException("KafkaStreams is not running. State is PENDING_SHUTDOWN.");
        }, KafkaStreams.State.RUNNING, KafkaStreams.State.PENDING_SHUTDOWN);
        assertEquals(503, answer.statusCode());
        assertTrue(answer.body().contains("has stopped (PENDING_SHUTDOWN)"), answer.body());
    }

    /** An illegal state while running is a fault, not the shutdown race above; so is any other failed lookup. */
    @ParameterizedTest
    @MethodSource("faults")
    void aLookupThatFailsWhileRunningAnswers500(RuntimeException fault) throws Exception {
        HttpResponse<String> answer = get(() -> {
            throw fault;
        }, KafkaStreams.State.RUNNING);
        assertEquals(500, answer.statusCode());
        assertTrue(answer.body().contains("a bug"), answer.body());
    }

    static Stream<RuntimeException> faults() {
        return Stream.of(new IllegalStateException("a bug"), new UnsupportedOperationException("a bug"));
    }

    /**
     * GET /requests/r-1 from a status server over a gateway whose key lookup does {@code owner} and whose state is
     * {@code states} in turn, the last one from then on.
     */
    private HttpResponse<String> get(Supplier<KeyQueryMetadata> owner, KafkaStreams.State... states)
            throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "status-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"); // never started: nothing connects
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (StatusServer server = StatusServer.bind("127.0.0.1", 0);
                KafkaStreams streams = new StreamsAt(builder, props, owner, states)) {
            server.start(new StoreLookup(streams, new HostInfo("127.0.0.1", server.port()), "request-status",
                    "batch-status"));
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/requests/r-1")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** An application that is never started, reporting the given key owner and states. */
    private static final class StreamsAt extends KafkaStreams {
        private final Supplier<KeyQueryMetadata> owner;
        private final State[] states;
        private final AtomicInteger asked = new AtomicInteger();

        StreamsAt(StreamsBuilder builder, Properties props, Supplier<KeyQueryMetadata> owner, State... states) {
            super(builder.build(), props);
            this.owner = owner;
            this.states = states;
        }

        @Override
        public State state() {
            return states[Math.min(asked.getAndIncrement(), states.length - 1)];
        }

        @Override
        public <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, Serializer<K> keySerializer) {
            return owner.get();
        }
    }
}

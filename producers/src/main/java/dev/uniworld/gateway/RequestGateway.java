package dev.uniworld.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import dev.uniworld.gateway.state.BatchProgress;
import dev.uniworld.gateway.state.JsonSerde;
import dev.uniworld.gateway.state.RequestStatusView;
import dev.uniworld.gateway.state.TrackingEvent;
import dev.uniworld.gateway.validation.RequestValidator;
import dev.uniworld.gateway.validation.ValidationLimits;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The request gateway's topology: validate, deduplicate, route (accepted / rejected), and track every request and
 * batch from the gateway's decisions and the pipeline's results.
 *
 * <pre>
 * requests -> validate -> deduplicate -+-> accepted
 *                                      +-> rejected (reason code, field, replay coordinates)
 *                                      +-> tracking --+                 +-> by request id -> request-status store
 * results  -> tracking ------------------------------+-> merged -------+-> by batch id   -> batch stores -> batches
 * </pre>
 */
public final class RequestGateway {

    private RequestGateway() {
    }

    public static void buildTopology(StreamsBuilder builder, GatewayTopics topics, ValidationLimits limits,
                                     Duration dedupWindow, Duration statusRetention) {
        // Step 1: state stores (all changelogged, so they survive restarts and move with their tasks)
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DeduplicationProcessor.STORE, dedupWindow.multipliedBy(2), dedupWindow,
                        false), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RequestStatusProcessor.STORE),
                Serdes.String(), new JsonSerde<>(RequestStatusView.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BatchTracker.BATCHES_STORE),
                Serdes.String(), new JsonSerde<>(BatchProgress.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BatchTracker.MEMBERS_STORE),
                Serdes.String(), Serdes.String()));

        // Step 2: validate and deduplicate
        RequestValidator validator = new RequestValidator(limits);
        KStream<String, GatewayOutcome> outcomes = builder
                .stream(topics.requests().name(), Consumed.with(topics.requests().keySerde(),
                        topics.requests().valueSerde()).withName("requests"))
                .processValues(() -> new ValidationProcessor(validator), Named.as("validate"))
                .processValues(() -> new DeduplicationProcessor(dedupWindow), Named.as("deduplicate"),
                        DeduplicationProcessor.STORE);

        // Step 3: route
        outcomes.filter((id, o) -> o.accepted(), Named.as("is-accepted"))
                .mapValues(GatewayOutcome::wired, Named.as("accepted-request"))
                .to(topics.accepted().name(),
                        Produced.with(topics.accepted().keySerde(), topics.accepted().valueSerde())
                                .withName("to-accepted"));
        outcomes.filter((id, o) -> !o.accepted(), Named.as("is-rejected"))
                .mapValues(GatewayOutcome::toRejected, Named.as("rejection"))
                .processValues(WithoutHeaders::new, Named.as("rejection-without-headers"))
                .selectKey((key, rejected) -> RequestValidator.keyForRejection(key), Named.as("rejection-key"))
                .to(topics.rejected().name(),
                        Produced.with(topics.rejected().keySerde(), topics.rejected().valueSerde())
                                .withName("to-rejected"));

        // Step 4: track requests and batches; duplicates change nothing, the pipeline's results finish requests
        JsonSerde<TrackingEvent> trackingSerde = new JsonSerde<>(TrackingEvent.class);
        KStream<String, TrackingEvent> decisions = outcomes
                .filter((id, o) -> !o.duplicate() && o.trackable(), Named.as("not-duplicate"))
                .mapValues(GatewayOutcome::toTracking, Named.as("decision-event"))
                .processValues(WithoutHeaders::new, Named.as("decision-without-headers"));
        KStream<String, TrackingEvent> finished = builder
                .stream(topics.results().name(), Consumed.with(topics.results().keySerde(),
                        topics.results().valueSerde()).withName("results"))
                .filter((id, result) -> result != null, Named.as("result-present"))
                .mapValues(TrackingEvent::of, Named.as("result-event"));
        KStream<String, TrackingEvent> tracking = decisions.merge(finished, Named.as("tracking"));

        tracking.selectKey((key, event) -> event.requestId(), Named.as("key-by-request"))
                .repartition(Repartitioned.with(Serdes.String(), trackingSerde).withName("by-request"))
                .process(() -> new RequestStatusProcessor(statusRetention), Named.as("request-status"),
                        RequestStatusProcessor.STORE);
        tracking.filter((key, event) -> event.batchId() != null, Named.as("in-a-batch"))
                .selectKey((key, event) -> event.batchId(), Named.as("key-by-batch"))
                .repartition(Repartitioned.with(Serdes.String(), trackingSerde).withName("by-batch"))
                .process(() -> new BatchTracker(statusRetention), Named.as("batch-tracker"), BatchTracker.BATCHES_STORE,
                        BatchTracker.MEMBERS_STORE)
                .to(topics.batches().name(), Produced.with(topics.batches().keySerde(), topics.batches().valueSerde())
                        .withName("to-batches"));
    }

    /** Kafka Streams settings: exactly-once v2, the dead-letter handler, the status endpoint's address. */
    public static Properties streamsConfig(GatewayConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientConfig());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.statusHost() + ":" + config.statusPort());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                UndeserializableRequestHandler.class.getName());
        props.put(UndeserializableRequestHandler.REJECTED_TOPIC_CONFIG, config.topics().rejected().name());
        props.put(UndeserializableRequestHandler.REQUESTS_TOPIC_CONFIG, config.topics().requests().name());
        // One replica of internal topics matches the single-node local broker; clusters override it in clientConfig.
        props.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        // a warm copy of each store on another instance, so that a failover answers status lookups within seconds
        // rather than after restoring the changelog (a single instance has nowhere to put it, and runs as before)
        props.putIfAbsent(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        props.putIfAbsent(StreamsConfig.consumerPrefix("max.partition.fetch.bytes"), 16 * 1024 * 1024);
        props.putIfAbsent(StreamsConfig.producerPrefix("max.request.size"), 16 * 1024 * 1024);
        Properties properties = new Properties();
        properties.putAll(props);
        return properties;
    }
}

package dev.uniworld.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.schemas.registry.RegistryClientConfig;
import dev.uniworld.schemas.registry.RestSchemaRegistryClient;
import dev.uniworld.schemas.serde.AvroSerializer;
import dev.uniworld.schemas.serde.SerdeSettings;
import dev.uniworld.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Java client: sends requests (keyed by request id, idempotent producer) and watches for their outcomes.
 * Connection settings are plain Kafka client properties plus {@code schema.registry.url}.
 */
public final class UniworldClient implements AutoCloseable {

    private final Map<String, Object> clientConfig;
    private final Topics topics;
    private final RestSchemaRegistryClient registry;
    private KafkaProducer<String, GenerationRequest> producer;

    public UniworldClient(Map<String, Object> clientConfig, Topics topics) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topics = topics;
        this.registry = new RestSchemaRegistryClient(RegistryClientConfig.fromMap(clientConfig));
    }

    /** Fails fast, naming the address, when no broker answers. */
    public void checkBroker(Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BrokerUnreachableException(String.valueOf(clientConfig.get("bootstrap.servers")),
                    e instanceof ExecutionException ? e.getCause() : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Opens a watcher positioned at the end of the result topics (or their beginning). */
    public ResultWatcher watch(boolean fromBeginning) {
        return new ResultWatcher(clientConfig, topics.results().name(), topics.rejected().name(), registry,
                fromBeginning);
    }

    /**
     * Sends the requests and waits until the broker has acknowledged every one.
     *
     * @return where each request went, in the order given, for {@link ResultWatcher#pollFor(Duration, Collection)}
     */
    public List<SentRequest> send(List<GenerationRequest> requests) {
        List<Future<RecordMetadata>> acks = requests.stream()
                .map(r -> producer().send(new ProducerRecord<>(topics.requests().name(), r.getRequestId(), r)))
                .toList();
        List<SentRequest> sent = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            try {
                RecordMetadata where = acks.get(i).get(60, TimeUnit.SECONDS);
                sent.add(new SentRequest(requests.get(i).getRequestId(), where.topic(), where.partition(),
                        where.offset()));
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            } catch (TimeoutException e) {
                throw new BrokerUnreachableException(String.valueOf(clientConfig.get("bootstrap.servers")), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
        return sent;
    }

    private KafkaProducer<String, GenerationRequest> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(clientConfig);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
            config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
            producer = new KafkaProducer<>(config, new StringSerializer(),
                    new AvroSerializer<>(GenerationRequest.class, registry, SerdeSettings.fromMap(clientConfig)));
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        registry.close();
    }
}

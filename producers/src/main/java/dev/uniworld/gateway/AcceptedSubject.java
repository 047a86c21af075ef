package dev.uniworld.gateway;

import dev.uniworld.schemas.registry.SchemaRegistryClient;
import dev.uniworld.schemas.serde.ConfluentWireFormat;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers, under the accepted topic's own subject ({@code <topic>-value}, TopicNameStrategy), each schema its records
 * name, as a Confluent serializer registers the schema it writes with. The gateway passes producers' bytes on
 * unchanged, so their schema ids come from the requests topic's subject; a tool that finds a topic's schema by its
 * subject (a schema browser, a SQL engine's table) would otherwise find nothing for the accepted topic. An identical
 * schema keeps its global id, so the records need no rewriting.
 *
 * <p>Registration never holds a request back: where the registry refuses the schema (the accepted subject's own
 * compatibility rule) or cannot be reached, the record is written all the same, a warning names the subject and the
 * schema id, and the id is tried again after {@link #RETRY_AFTER}. Thread-safe: stream threads share one instance.
 */
final class AcceptedSubject {

    /** How long a schema id whose registration failed waits before it is tried again. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(AcceptedSubject.class);

    private record Registration(String subject, int schemaId) {
    }

    private final SchemaRegistryClient registry;
    private final LongSupplier nanoTime;
    private final Set<Registration> registered = ConcurrentHashMap.newKeySet();
    private final Map<Registration, Long> failedAt = new ConcurrentHashMap<>();

    AcceptedSubject(SchemaRegistryClient registry) {
        this(registry, System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds, for the retry wait */
    AcceptedSubject(SchemaRegistryClient registry, LongSupplier nanoTime) {
        this.registry = registry;
        this.nanoTime = nanoTime;
    }

    /**
     * Makes sure {@code topic}'s subject holds the schema {@code wire} names.
     *
     * @param wire a record value in the Confluent wire format, already read once (so its header is whole)
     */
    void register(String topic, byte[] wire) {
        Registration registration = new Registration(topic + "-value", ConfluentWireFormat.schemaId(wire));
        if (registered.contains(registration)) {
            return;
        }
        Long failed = failedAt.get(registration);
        long now = nanoTime.getAsLong();
        if (failed != null && now - failed < RETRY_AFTER.toNanos()) {
            return;
        }
        try {
            Schema schema = registry.schemaById(registration.schemaId());
            int id = registry.register(registration.subject(), schema);
            if (id != registration.schemaId()) {
                // the same schema text under another id: the records still name theirs, which every reader resolves
                LOG.warn("subject {} holds schema id {} as id {}", registration.subject(), registration.schemaId(), id);
            }
            registered.add(registration);
            failedAt.remove(registration);
        } catch (RuntimeException e) {
            failedAt.put(registration, now);
            LOG.warn("could not register schema id {} under subject {} (the record is written all the same; "
                    + "tried again in {} s): {}", registration.schemaId(), registration.subject(),
                    RETRY_AFTER.toSeconds(), e.getMessage());
        }
    }
}

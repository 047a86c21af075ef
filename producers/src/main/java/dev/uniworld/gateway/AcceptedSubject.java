package dev.uniworld.gateway;

import dev.uniworld.schemas.registry.SchemaRegistryClient;
import dev.uniworld.schemas.serde.ConfluentWireFormat;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * <p>Registration never holds a request back: it runs on a thread of its own, one schema id at a time, so a slow or
 * unreachable registry never stalls a stream thread, and the record is written at once. Where the registry refuses the
 * schema (the accepted subject's own compatibility rule) or cannot be reached, a warning names the subject and the
 * schema id, and the id is tried again {@link #RETRY_AFTER} after the failure. Thread-safe: stream threads share one
 * instance.
 */
final class AcceptedSubject {

    /** How long a schema id whose registration failed waits before it is tried again. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(AcceptedSubject.class);

    private record Registration(String subject, int schemaId) {
    }

    private final SchemaRegistryClient registry;
    private final LongSupplier nanoTime;
    private final Executor registrar;
    private final Set<Registration> registered = ConcurrentHashMap.newKeySet();
    private final Set<Registration> pending = ConcurrentHashMap.newKeySet();
    private final Map<Registration, Long> failedAt = new ConcurrentHashMap<>();

    /**
     * @param nanoTime a monotonic clock in nanoseconds, for the retry wait
     * @param registrar where registrations run
     */
    AcceptedSubject(SchemaRegistryClient registry, LongSupplier nanoTime, Executor registrar) {
        this.registry = registry;
        this.nanoTime = nanoTime;
        this.registrar = registrar;
    }

    /**
     * Has {@code topic}'s subject take the schema {@code wire} names, unless it is known to hold it, is being
     * registered, or failed less than {@link #RETRY_AFTER} ago. Returns without waiting for the registry.
     *
     * @param wire a record value in the Confluent wire format
     */
    void register(String topic, byte[] wire) {
        if (wire.length < ConfluentWireFormat.HEADER_SIZE || wire[0] != ConfluentWireFormat.MAGIC_BYTE) {
            return; // names no schema; the gateway never passes such a value, having read it once
        }
        Registration registration = new Registration(topic + "-value", ConfluentWireFormat.schemaId(wire));
        if (registered.contains(registration)) {
            return;
        }
        Long failed = failedAt.get(registration);
        if (failed != null && nanoTime.getAsLong() - failed < RETRY_AFTER.toNanos()) {
            return;
        }
        if (pending.add(registration)) {
            registrar.execute(() -> attempt(registration));
        }
    }

    private void attempt(Registration registration) {
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
            failedAt.put(registration, nanoTime.getAsLong());
            LOG.warn("could not register schema id {} under subject {} (its records are written all the same; tried "
                    + "again in {} s): {}", registration.schemaId(), registration.subject(), RETRY_AFTER.toSeconds(),
                    e.getMessage());
        } finally {
            pending.remove(registration);
        }
    }

    /** A daemon thread of its own for registrations, which ends when it has been idle for a while. */
    static Executor registrarThread() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "accepted-subject-registrar");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true); // no thread left behind by an idle gateway
        return executor;
    }
}

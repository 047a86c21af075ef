package dev.uniworld.pipeline.io;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.schemas.serde.AvroSerdeException;
import dev.uniworld.schemas.serde.FlinkAvroDeserializationSchema;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads accepted requests (Confluent wire format), each as a request or as an {@link UnreadableRequest}:
 * <ul>
 *   <li>a value that cannot be read (no magic byte, a schema id the registry does not know, an incompatible or
 *   malformed body) becomes an {@link UnreadableRequest}, counted in {@code undeserializableRequests} and logged with
 *   its topic, partition and offset; admission answers it with a FAILED result, so no sender waits forever and no
 *   other request behind it is held up;</li>
 *   <li>a registry that cannot be reached fails the read: the job restarts from its last checkpoint and reads the
 *   record again, since skipping would lose a request that is fine;</li>
 *   <li>a tombstone (no value) is no request and is skipped, counted in {@code tombstones}.</li>
 * </ul>
 */
public final class RequestDeserializer
        implements KafkaRecordDeserializationSchema<Either<GenerationRequest, UnreadableRequest>> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RequestDeserializer.class);

    private final FlinkAvroDeserializationSchema<GenerationRequest> values;
    private transient Counter unreadable;
    private transient Counter tombstones;

    public RequestDeserializer(Map<String, String> registryConfig) {
        this.values = new FlinkAvroDeserializationSchema<>(GenerationRequest.class, new HashMap<>(registryConfig));
    }

    /** What the accepted topic's records become: a request, or the reason one could not be read. */
    public static TypeInformation<Either<GenerationRequest, UnreadableRequest>> producedType() {
        return new EitherTypeInfo<>(TypeInformation.of(GenerationRequest.class),
                TypeInformation.of(UnreadableRequest.class));
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        values.open(context);
        unreadable = context.getMetricGroup().counter("undeserializableRequests");
        tombstones = context.getMetricGroup().counter("tombstones");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record,
            Collector<Either<GenerationRequest, UnreadableRequest>> out) throws IOException {
        if (record.value() == null) {
            count(tombstones);
            LOG.warn("Skipping a tombstone (no value) at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        try {
            out.collect(Either.Left(values.deserialize(record.value())));
        } catch (AvroSerdeException e) {
            if (e.reason() == AvroSerdeException.Reason.REGISTRY_FAILURE) {
                throw new IOException("cannot read the request at " + record.topic() + "-" + record.partition()
                        + "@" + record.offset() + " while the schema registry fails; the job restarts and reads it "
                        + "again: " + e.getMessage(), e);
            }
            count(unreadable);
            LOG.warn("Unreadable request at {}-{}@{}: {} ({})", record.topic(), record.partition(), record.offset(),
                    e.getMessage(), e.reason());
            out.collect(Either.Right(UnreadableRequest.of(record, e.reason() + ": " + e.getMessage())));
        }
    }

    private static void count(Counter counter) {
        if (counter != null) {
            counter.inc();
        }
    }

    @Override
    public TypeInformation<Either<GenerationRequest, UnreadableRequest>> getProducedType() {
        return producedType();
    }
}

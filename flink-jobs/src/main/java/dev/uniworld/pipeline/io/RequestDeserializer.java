package dev.uniworld.pipeline.io;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.schemas.serde.AvroSerdeException;
import dev.uniworld.schemas.serde.FlinkAvroDeserializationSchema;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads accepted requests (Confluent wire format). A record that cannot be read is skipped with a warning naming its
 * topic, partition and offset, and counted in {@code undeserializableRequests}: the accepted topic is written by the
 * gateway only, which has already rejected unreadable payloads, so such a record means a misconfigured writer, and
 * failing the job on it would stop every other request behind it.
 */
public final class RequestDeserializer implements KafkaRecordDeserializationSchema<GenerationRequest> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RequestDeserializer.class);

    private final FlinkAvroDeserializationSchema<GenerationRequest> values;
    private transient Counter skipped;

    public RequestDeserializer(Map<String, String> registryConfig) {
        this.values = new FlinkAvroDeserializationSchema<>(GenerationRequest.class, new HashMap<>(registryConfig));
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        values.open(context);
        skipped = context.getMetricGroup().counter("undeserializableRequests");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<GenerationRequest> out) {
        try {
            out.collect(values.deserialize(record.value()));
        } catch (AvroSerdeException e) {
            if (skipped != null) {
                skipped.inc();
            }
            LOG.warn("Skipping unreadable request at {}-{}@{}: {} ({})", record.topic(), record.partition(),
                    record.offset(), e.getMessage(), e.reason());
        }
    }

    @Override
    public TypeInformation<GenerationRequest> getProducedType() {
        return TypeInformation.of(GenerationRequest.class);
    }
}

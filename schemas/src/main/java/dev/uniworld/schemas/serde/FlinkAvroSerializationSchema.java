package dev.uniworld.schemas.serde;

import java.util.HashMap;
import java.util.Map;

import dev.uniworld.schemas.registry.RegistryClientConfig;
import dev.uniworld.schemas.registry.RestSchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Flink {@link SerializationSchema} writing the Confluent wire format for one topic. Only the configuration travels
 * with the job graph; the registry client and codec are built in {@link #open} on the task manager.
 */
public final class FlinkAvroSerializationSchema<T extends SpecificRecord> implements SerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final String subject;
    private final HashMap<String, String> registryConfig;
    private transient AvroCodec<T> codec;

    /**
     * @param topic          the topic the records go to (subject {@code <topic>-value})
     * @param registryConfig Confluent client properties, at least {@code schema.registry.url}
     */
    public FlinkAvroSerializationSchema(Class<T> type, String topic, Map<String, String> registryConfig) {
        this.type = type;
        this.subject = SerdeSettings.subject(topic, false);
        this.registryConfig = new HashMap<>(registryConfig);
        RegistryClientConfig.fromMap(registryConfig); // fail at job construction, not on the task manager
    }

    @Override
    public void open(InitializationContext context) {
        codec = new AvroCodec<>(new RestSchemaRegistryClient(RegistryClientConfig.fromMap(registryConfig)), type,
                SerdeSettings.fromMap(registryConfig));
    }

    @Override
    public byte[] serialize(T element) {
        if (codec == null) {
            open(null);
        }
        return codec.encode(subject, element);
    }
}

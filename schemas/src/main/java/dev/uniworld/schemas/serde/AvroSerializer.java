package dev.uniworld.schemas.serde;

import java.util.Map;

import dev.uniworld.schemas.registry.RegistryClientConfig;
import dev.uniworld.schemas.registry.RestSchemaRegistryClient;
import dev.uniworld.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serializer} writing the Confluent wire format under TopicNameStrategy subjects. Built either with a
 * registry client (which the caller owns) or configured from Confluent's property names in {@link #configure}.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final Class<T> type;
    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    private boolean isKey;
    private AvroCodec<T> codec;

    /** For configuration through {@link #configure(Map, boolean)} with {@code schema.registry.url}. */
    public AvroSerializer(Class<T> type) {
        this.type = type;
    }

    /** Ready to use for values; the caller keeps ownership of {@code registry}. */
    public AvroSerializer(Class<T> type, SchemaRegistryClient registry, SerdeSettings settings) {
        this.type = type;
        this.registry = registry;
        this.codec = new AvroCodec<>(registry, type, settings);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean key) {
        this.isKey = key;
        if (registry == null) {
            registry = new RestSchemaRegistryClient(RegistryClientConfig.fromMap(configs));
            ownsRegistry = true;
        }
        codec = new AvroCodec<>(registry, type, SerdeSettings.fromMap(configs));
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (codec == null) {
            throw new IllegalStateException("AvroSerializer for " + type.getSimpleName()
                    + " is not configured: pass a registry client or call configure() with schema.registry.url");
        }
        return codec.encode(SerdeSettings.subject(topic, isKey), data);
    }

    @Override
    public void close() {
        if (ownsRegistry) {
            registry.close();
        }
    }
}

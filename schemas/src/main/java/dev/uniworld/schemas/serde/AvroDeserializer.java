package dev.uniworld.schemas.serde;

import java.util.Map;

import dev.uniworld.schemas.registry.RegistryClientConfig;
import dev.uniworld.schemas.registry.RestSchemaRegistryClient;
import dev.uniworld.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka {@link Deserializer} for Confluent wire-format bytes. Bytes it cannot read raise {@link AvroSerdeException}
 * (a Kafka {@code SerializationException}) with a {@link AvroSerdeException.Reason}.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Class<T> type;
    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    private AvroCodec<T> codec;

    /** For configuration through {@link #configure(Map, boolean)} with {@code schema.registry.url}. */
    public AvroDeserializer(Class<T> type) {
        this.type = type;
    }

    /** Ready to use; the caller keeps ownership of {@code registry}. */
    public AvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        this.type = type;
        this.registry = registry;
        this.codec = new AvroCodec<>(registry, type, SerdeSettings.defaults());
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = new RestSchemaRegistryClient(RegistryClientConfig.fromMap(configs));
            ownsRegistry = true;
        }
        codec = new AvroCodec<>(registry, type, SerdeSettings.fromMap(configs));
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (codec == null) {
            throw new IllegalStateException("AvroDeserializer for " + type.getSimpleName()
                    + " is not configured: pass a registry client or call configure() with schema.registry.url");
        }
        return codec.decode(data);
    }

    @Override
    public void close() {
        if (ownsRegistry) {
            registry.close();
        }
    }
}

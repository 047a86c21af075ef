package dev.uniworld.schemas.serde;

import java.util.HashMap;
import java.util.Map;

import dev.uniworld.schemas.registry.RegistryClientConfig;
import dev.uniworld.schemas.registry.RestSchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink {@link DeserializationSchema} for Confluent wire-format bytes. The produced type comes from Flink's type
 * extractor, which gives Avro's own type information when {@code flink-avro} is on the class path (never Kryo).
 * Unreadable bytes raise {@link AvroSerdeException}; jobs that must survive them wrap this schema and route the
 * failure to a side output.
 */
public final class FlinkAvroDeserializationSchema<T extends SpecificRecord> implements DeserializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final HashMap<String, String> registryConfig;
    private transient AvroCodec<T> codec;

    public FlinkAvroDeserializationSchema(Class<T> type, Map<String, String> registryConfig) {
        this.type = type;
        this.registryConfig = new HashMap<>(registryConfig);
        RegistryClientConfig.fromMap(registryConfig);
    }

    @Override
    public void open(InitializationContext context) {
        codec = new AvroCodec<>(new RestSchemaRegistryClient(RegistryClientConfig.fromMap(registryConfig)), type,
                SerdeSettings.fromMap(registryConfig));
    }

    @Override
    public T deserialize(byte[] message) {
        if (codec == null) {
            open(null);
        }
        return codec.decode(message);
    }

    @Override
    public boolean isEndOfStream(T nextElement) {
        return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}

package dev.uniworld.schemas.serde;

import dev.uniworld.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka {@link Serde}s (for Kafka Streams) over the shared codec. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A value serde for {@code type}, sharing the caller's registry client. */
    public static <T extends SpecificRecord> Serde<T> of(Class<T> type, SchemaRegistryClient registry,
                                                         SerdeSettings settings) {
        return Serdes.serdeFrom(new AvroSerializer<>(type, registry, settings), new AvroDeserializer<>(type, registry));
    }
}

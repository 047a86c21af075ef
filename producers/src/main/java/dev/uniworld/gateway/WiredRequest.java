package dev.uniworld.gateway;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.schemas.registry.SchemaRegistryClient;
import dev.uniworld.schemas.serde.AvroDeserializer;
import dev.uniworld.schemas.serde.SerdeSettings;
import java.util.concurrent.Executor;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A request as the requests topic holds it: decoded with this gateway's schema for validation, and the bytes its
 * producer wrote, which the accepted topic gets unchanged. Encoding the decoded request again would drop the fields a
 * newer writer schema adds, so a pipeline upgraded before the gateway would never see them; the bytes keep the writer's
 * schema id, by which every reader resolves them.
 *
 * @param wire the record's value in the Confluent wire format, as written
 */
public record WiredRequest(GenerationRequest request, byte[] wire) {

    /** Reads a request and keeps its bytes; writes the bytes as they were read. */
    static Serde<WiredRequest> serde(SchemaRegistryClient registry) {
        AvroDeserializer<GenerationRequest> decoder = new AvroDeserializer<>(GenerationRequest.class, registry);
        Deserializer<WiredRequest> reader = (topic, data) -> data == null ? null
                : new WiredRequest(decoder.deserialize(topic, data), data);
        Serializer<WiredRequest> writer = (topic, wired) -> wired == null ? null : wired.wire();
        return Serdes.serdeFrom(writer, reader);
    }

    /**
     * As {@link #serde}, for the accepted topic: with {@code auto.register.schemas} on (the default), writing a record
     * also has the schema it names registered under the topic's own subject ({@link AcceptedSubject}); with it off, the
     * gateway registers nothing, as Confluent's serializers do.
     */
    static Serde<WiredRequest> acceptedSerde(SchemaRegistryClient registry, SerdeSettings settings) {
        return acceptedSerde(registry, settings, settings.autoRegister() ? AcceptedSubject.registrarThread() : null);
    }

    /** As {@link #acceptedSerde(SchemaRegistryClient, SerdeSettings)}, registering on {@code registrar}. */
    static Serde<WiredRequest> acceptedSerde(SchemaRegistryClient registry, SerdeSettings settings,
            Executor registrar) {
        Serde<WiredRequest> plain = serde(registry);
        if (!settings.autoRegister()) {
            return plain;
        }
        AcceptedSubject subject = new AcceptedSubject(registry, System::nanoTime, registrar);
        Serializer<WiredRequest> writer = (topic, wired) -> {
            if (wired == null) {
                return null;
            }
            subject.register(topic, wired.wire());
            return wired.wire();
        };
        return Serdes.serdeFrom(writer, plain.deserializer());
    }
}

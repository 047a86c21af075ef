package dev.uniworld.schemas.serde;

import java.util.OptionalInt;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The one exception every serde of this project throws for bytes it cannot turn into a record (or a record it cannot
 * turn into bytes). It extends Kafka's {@link SerializationException} so that Kafka Streams' deserialization handlers
 * and dead-letter queues recognise it; {@link #reason()} says what went wrong without parsing the message.
 */
public class AvroSerdeException extends SerializationException {

    /** What went wrong, coarse enough to switch on. */
    public enum Reason {
        /** The payload does not start with the Confluent magic byte 0 (not written by a registry-aware serializer). */
        UNKNOWN_MAGIC_BYTE,
        /** Fewer than the 5 header bytes, or Avro data that ends early. */
        TRUNCATED,
        /** The schema id in the header is not known to the registry. */
        UNKNOWN_SCHEMA_ID,
        /** The writer's schema cannot be read with this reader's schema. */
        INCOMPATIBLE_SCHEMA,
        /** The Avro body does not decode (bad union index, negative length, trailing bytes...). */
        MALFORMED_AVRO,
        /** The registry could not be reached or refused the call. */
        REGISTRY_FAILURE,
        /** A record could not be encoded (e.g. a required field is null). */
        UNSERIALIZABLE_RECORD
    }

    private final Reason reason;
    private final int schemaId;

    public AvroSerdeException(Reason reason, String message, int schemaId, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.schemaId = schemaId;
    }

    public AvroSerdeException(Reason reason, String message) {
        this(reason, message, -1, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The schema id read from the header, when the header was readable. */
    public OptionalInt schemaId() {
        return schemaId < 0 ? OptionalInt.empty() : OptionalInt.of(schemaId);
    }
}

package dev.uniworld.schemas.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format: byte 0 is the magic byte {@code 0}, bytes 1-4 the schema id as a big-endian int, then the
 * Avro binary encoding of the value (no Avro container header).
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    /** Writes the 5-byte header for {@code schemaId} followed by {@code avroBody}. */
    public static byte[] frame(int schemaId, byte[] avroBody) {
        return ByteBuffer.allocate(HEADER_SIZE + avroBody.length)
                .put(MAGIC_BYTE)
                .putInt(schemaId)
                .put(avroBody)
                .array();
    }

    /** Reads the schema id from the header, refusing payloads that do not carry one. */
    public static int schemaId(byte[] payload) {
        if (payload.length == 0) {
            throw new AvroSerdeException(AvroSerdeException.Reason.TRUNCATED,
                    "Empty payload: expected the Confluent wire format (magic byte 0, 4-byte schema id, Avro body)");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new AvroSerdeException(AvroSerdeException.Reason.UNKNOWN_MAGIC_BYTE, String.format(
                    "Unknown magic byte 0x%02x: the payload was not written by a Schema Registry serializer",
                    payload[0]));
        }
        if (payload.length < HEADER_SIZE) {
            throw new AvroSerdeException(AvroSerdeException.Reason.TRUNCATED, "Payload of " + payload.length
                    + " bytes is shorter than the 5-byte wire-format header");
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }
}

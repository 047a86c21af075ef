package dev.uniworld.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.uniworld.schemas.registry.SchemaRegistryClient;
import dev.uniworld.schemas.registry.SchemaRegistryException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns generated Avro records into Confluent wire-format bytes and back; the one codec behind the Kafka and Flink
 * adapters. Writes with the record class's schema under the subject's id; reads with the writer's schema (fetched by
 * id, cached) resolved against the record class's schema, so an evolved reader reads old data.
 */
public final class AvroCodec<T extends SpecificRecord> {

    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final SerdeSettings settings;
    private final SpecificDatumWriter<T> writer;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();

    public AvroCodec(SchemaRegistryClient registry, Class<T> type, SerdeSettings settings) {
        this.registry = registry;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.settings = settings;
        this.writer = new SpecificDatumWriter<>(readerSchema);
    }

    public Schema schema() {
        return readerSchema;
    }

    /** Encodes {@code value} for {@code subject}; null stays null (a Kafka tombstone). */
    public byte[] encode(String subject, T value) {
        if (value == null) {
            return null;
        }
        int id = idsBySubject.computeIfAbsent(subject, this::schemaIdFor);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(value, encoder);
            encoder.flush();
            return ConfluentWireFormat.frame(id, out.toByteArray());
        } catch (IOException | RuntimeException e) {
            throw new AvroSerdeException(AvroSerdeException.Reason.UNSERIALIZABLE_RECORD, "Cannot encode "
                    + readerSchema.getName() + " for subject " + subject + ": " + e.getMessage(), id, e);
        }
    }

    /** Decodes wire-format bytes; null stays null. Any failure is an {@link AvroSerdeException} with its reason. */
    public T decode(byte[] payload) {
        if (payload == null) {
            return null;
        }
        int id = ConfluentWireFormat.schemaId(payload);
        SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(id, this::readerFor);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, ConfluentWireFormat.HEADER_SIZE,
                payload.length - ConfluentWireFormat.HEADER_SIZE, null);
        T value;
        try {
            value = reader.read(null, decoder);
        } catch (EOFException e) {
            throw new AvroSerdeException(AvroSerdeException.Reason.TRUNCATED, "Avro body of "
                    + readerSchema.getName() + " ends early (" + payload.length + " bytes, schema id " + id + ")",
                    id, e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
                 | ClassCastException e) {
            // Corrupt bytes surface as many exception types inside Avro (a huge length, a bad union index...).
            throw new AvroSerdeException(AvroSerdeException.Reason.MALFORMED_AVRO, "Malformed Avro body for "
                    + readerSchema.getName() + " (schema id " + id + "): " + e, id, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new AvroSerdeException(AvroSerdeException.Reason.MALFORMED_AVRO, "Trailing bytes after the "
                        + readerSchema.getName() + " record (schema id " + id + ")", id, null);
            }
        } catch (IOException e) {
            throw new AvroSerdeException(AvroSerdeException.Reason.MALFORMED_AVRO, e.getMessage(), id, e);
        }
        return value;
    }

    private int schemaIdFor(String subject) {
        try {
            return settings.autoRegister() ? registry.register(subject, readerSchema)
                    : registry.lookup(subject, readerSchema).id();
        } catch (SchemaRegistryException e) {
            throw new AvroSerdeException(AvroSerdeException.Reason.REGISTRY_FAILURE, "Cannot get a schema id for "
                    + readerSchema.getName() + " under subject " + subject + ": " + e.getMessage(), -1, e);
        }
    }

    private SpecificDatumReader<T> readerFor(int id) {
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            AvroSerdeException.Reason reason = e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND
                    ? AvroSerdeException.Reason.UNKNOWN_SCHEMA_ID : AvroSerdeException.Reason.REGISTRY_FAILURE;
            throw new AvroSerdeException(reason, "Cannot fetch writer schema id " + id + ": " + e.getMessage(), id, e);
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new AvroSerdeException(AvroSerdeException.Reason.INCOMPATIBLE_SCHEMA, "Data written with schema id "
                    + id + " (" + writerSchema.getFullName() + ") cannot be read as " + readerSchema.getFullName()
                    + ": " + compatibility.getDescription(), id, new AvroTypeException(compatibility.getDescription()));
        }
        return new SpecificDatumReader<>(writerSchema, readerSchema);
    }
}

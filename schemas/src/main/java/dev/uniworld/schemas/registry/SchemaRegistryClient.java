package dev.uniworld.schemas.registry;

import java.util.List;

import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API that this project uses. Every method may throw
 * {@link SchemaRegistryException}.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** {@code POST /subjects/{subject}/versions}: registers (or finds) the schema and returns its global id. */
    int register(String subject, Schema schema);

    /** {@code POST /subjects/{subject}}: the version and id of an already registered schema. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** {@code GET /schemas/ids/{id}}: the schema with this global id. */
    Schema schemaById(int id);

    /** {@code GET /subjects/{subject}/versions/latest}. */
    RegisteredSchema latest(String subject);

    /** {@code GET /subjects/{subject}/versions/{version}}. */
    RegisteredSchema version(String subject, int version);

    /** {@code GET /subjects}. */
    List<String> subjects();

    /** {@code POST /compatibility/subjects/{subject}/versions/latest}: would this schema be accepted? */
    boolean isCompatible(String subject, Schema schema);

    /** {@code GET /config/{subject}?defaultToGlobal=true}: the level in force for the subject. */
    CompatibilityLevel compatibility(String subject);

    /** {@code PUT /config/{subject}}. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** {@code GET /config}: the global level. */
    CompatibilityLevel globalCompatibility();

    @Override
    void close();
}

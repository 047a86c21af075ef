package dev.uniworld.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.uniworld.events.BatchStatus;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.schemas.SampleEvents;
import dev.uniworld.schemas.registry.CompatibilityLevel;
import dev.uniworld.schemas.registry.RegistryFixture;
import dev.uniworld.schemas.registry.RestSchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The evolution rule is BACKWARD: a newer reader reads data written with an older schema. */
class SchemaEvolutionTest {

    private static RegistryFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new RegistryFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void anEvolvedReaderReadsDataWrittenWithTheCurrentSchema() {
        try (RestSchemaRegistryClient client = fixture.newClient()) {
            // Given data written with today's schema
            byte[] old = new AvroSerializer<>(GenerationRequest.class, client, SerdeSettings.defaults())
                    .serialize("evolution", SampleEvents.request("evolve-1"));

            // When the next version (one added field with a default) is registered and reads it
            Schema evolved = SpecificData.get().getSchema(dev.uniworld.events.evolved.GenerationRequest.class);
            client.register("evolution-value", evolved);
            dev.uniworld.events.evolved.GenerationRequest read =
                    new AvroDeserializer<>(dev.uniworld.events.evolved.GenerationRequest.class, client)
                            .deserialize("evolution", old);

            // Then every old field is there and the new one has its default
            assertEquals("evolve-1", read.getRequestId());
            assertEquals("make the red circle blue", read.getPrompt());
            assertEquals(2, read.getImages().size());
            assertEquals(20, read.getParameters().getSteps());
            assertNull(read.getCallbackTopic());
        }
    }

    @Test
    void everyFieldOfEverySchemaIsDocumentedAndEveryOptionalOneHasADefault() {
        for (Schema schema : List.of(GenerationRequest.getClassSchema(), GenerationResult.getClassSchema(),
                RequestRejected.getClassSchema(), BatchStatus.getClassSchema())) {
            assertDocumented(schema, new java.util.HashSet<>());
        }
    }

    @Test
    void aFieldAddedWithoutADefaultIsNotBackwardCompatible() {
        Schema current = GenerationRequest.getClassSchema();
        Schema broken = new Schema.Parser().parse(current.toString()
                .replace("\"fields\":[{\"name\":\"requestId\"",
                        "\"fields\":[{\"name\":\"mandatoryNewField\",\"type\":\"string\"},{\"name\":\"requestId\""));
        assertTrue(!CompatibilityLevel.BACKWARD.problems(broken, List.of(current)).isEmpty());
        assertTrue(CompatibilityLevel.BACKWARD.problems(
                SpecificData.get().getSchema(dev.uniworld.events.evolved.GenerationRequest.class),
                List.of(current)).isEmpty());
    }

    private static void assertDocumented(Schema schema, java.util.Set<String> seen) {
        if (schema.getType() == Schema.Type.UNION) {
            schema.getTypes().forEach(s -> assertDocumented(s, seen));
        } else if (schema.getType() == Schema.Type.ARRAY) {
            assertDocumented(schema.getElementType(), seen);
        } else if (schema.getType() == Schema.Type.RECORD && seen.add(schema.getFullName())) {
            assertTrue(schema.getDoc() != null && !schema.getDoc().isBlank(), schema.getFullName() + " has no doc");
            for (Schema.Field field : schema.getFields()) {
                assertTrue(field.doc() != null && !field.doc().isBlank(),
                        schema.getName() + "." + field.name() + " has no doc");
                // a reader of an older event fills an optional field from its default: without one it cannot read it
                boolean optional = field.schema().getType() == Schema.Type.UNION
                        && field.schema().getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
                assertTrue(!optional || field.hasDefaultValue(),
                        schema.getName() + "." + field.name() + " is optional but has no default");
                assertDocumented(field.schema(), seen);
            }
        }
    }
}

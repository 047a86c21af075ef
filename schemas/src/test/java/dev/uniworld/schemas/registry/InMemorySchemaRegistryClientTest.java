package dev.uniworld.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The in-memory client follows the same rules as the HTTP registry, so topology tests see real behaviour. */
class InMemorySchemaRegistryClientTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Schema v1 = SchemaBuilder.record("Mem").fields().requiredString("id").endRecord();
    private final Schema broken = SchemaBuilder.record("Mem").fields()
            .requiredString("id").requiredInt("n").endRecord();

    @Test
    void idsAreGlobalAndRegistrationIsIdempotent() {
        int id = registry.register("a-value", v1);
        assertEquals(id, registry.register("a-value", v1));
        assertEquals(id, registry.register("b-value", v1));
        assertEquals(1, registry.latest("a-value").version());
        assertEquals(v1, registry.schemaById(id));
    }

    @Test
    void incompatibleChangesAndUnknownIdsUseConfluentsCodes() {
        registry.register("c-value", v1);
        assertEquals(409, assertThrows(SchemaRegistryException.class, () -> registry.register("c-value", broken))
                .httpStatus());
        assertEquals(40403, assertThrows(SchemaRegistryException.class, () -> registry.schemaById(99)).errorCode());
        assertEquals(40401, assertThrows(SchemaRegistryException.class, () -> registry.latest("nope")).errorCode());
        registry.setCompatibility("c-value", CompatibilityLevel.NONE);
        registry.register("c-value", broken);
        assertEquals(2, registry.latest("c-value").version());
    }
}

package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.schemas.registry.CompatibilityLevel;
import dev.uniworld.schemas.registry.InMemorySchemaRegistryClient;
import dev.uniworld.schemas.serde.ConfluentWireFormat;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The accepted topic's own subject names the schemas of the requests the gateway passes on, unchanged. */
class AcceptedSubjectTest extends GatewayTopologyTest {

    /** A schema the request schema cannot follow under BACKWARD: another record name. */
    private static final Schema UNRELATED = SchemaBuilder.record("Unrelated").fields().requiredInt("x").endRecord();

    @Test
    void theAcceptedTopicsSubjectHoldsTheSchemaItsRecordsNameUnderTheSameId() {
        gateway.requests.pipeInput("s-1", TestRequests.generate("s-1").build(), TestRequests.NOW);

        assertEquals("s-1", gateway.accepted.readValue().getRequestId().toString());
        int written = gateway.registry.latest(gateway.topics.requests().name() + "-value").id();
        assertEquals(written, gateway.registry.latest(acceptedSubject()).id());
    }

    @Test
    void aSubjectThatRefusesTheSchemaHoldsNoRequestBack() {
        gateway.registry.register(acceptedSubject(), UNRELATED);

        gateway.requests.pipeInput("s-2", TestRequests.generate("s-2").build(), TestRequests.NOW);

        assertEquals("s-2", gateway.accepted.readValue().getRequestId().toString());
        assertEquals(UNRELATED, gateway.registry.latest(acceptedSubject()).schema());
    }

    @Test
    void aRefusedSchemaIsTriedAgainOnlyAfterTheWait() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        int id = registry.register("requests-value", GenerationRequest.getClassSchema());
        registry.register("accepted-value", UNRELATED);
        AtomicLong now = new AtomicLong();
        AcceptedSubject subject = new AcceptedSubject(registry, now::get);
        byte[] wire = ConfluentWireFormat.frame(id, new byte[0]);

        subject.register("accepted", wire);
        registry.setCompatibility("accepted-value", CompatibilityLevel.NONE);
        now.addAndGet(AcceptedSubject.RETRY_AFTER.minus(Duration.ofSeconds(1)).toNanos());
        subject.register("accepted", wire);
        assertEquals(UNRELATED, registry.latest("accepted-value").schema(), "not tried again within the wait");

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        subject.register("accepted", wire);
        assertEquals(id, registry.latest("accepted-value").id());
    }

    private String acceptedSubject() {
        return gateway.topics.accepted().name() + "-value";
    }
}

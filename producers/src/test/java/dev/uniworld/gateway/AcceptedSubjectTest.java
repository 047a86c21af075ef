package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.schemas.registry.CompatibilityLevel;
import dev.uniworld.schemas.registry.InMemorySchemaRegistryClient;
import dev.uniworld.schemas.registry.SchemaRegistryClient;
import dev.uniworld.schemas.serde.ConfluentWireFormat;
import dev.uniworld.schemas.serde.SerdeSettings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The accepted topic's own subject names the schemas of the requests the gateway passes on, unchanged. */
class AcceptedSubjectTest extends GatewayTopologyTest {

    /** A schema the request schema cannot follow under BACKWARD: another record name. */
    private static final Schema UNRELATED = SchemaBuilder.record("Unrelated").fields().requiredInt("x").endRecord();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final InMemorySchemaRegistryClient memory = new InMemorySchemaRegistryClient();
    private final int requestSchemaId = memory.register("requests-value", GenerationRequest.getClassSchema());
    private final byte[] wire = ConfluentWireFormat.frame(requestSchemaId, new byte[0]);
    private final AtomicInteger registerCalls = new AtomicInteger();

    @Test
    void theAcceptedTopicsSubjectHoldsTheSchemaItsRecordsNameUnderTheSameId() throws InterruptedException {
        gateway.requests.pipeInput("s-1", TestRequests.generate("s-1").build(), TestRequests.NOW);

        assertEquals("s-1", gateway.accepted.readValue().getRequestId().toString());
        int written = gateway.registry.latest(gateway.topics.requests().name() + "-value").id();
        String accepted = gateway.topics.accepted().name() + "-value";
        awaitTrue(() -> gateway.registry.subjects().contains(accepted)); // registered off the stream thread
        assertEquals(written, gateway.registry.latest(accepted).id());
    }

    @Test
    void aHangingRegistryHoldsNoRecordBackAndIsAskedOnce() throws InterruptedException {
        CountDownLatch answer = new CountDownLatch(1);
        SchemaRegistryClient hanging = watched(() -> await(answer));
        var serializer = WiredRequest.acceptedSerde(hanging, SerdeSettings.defaults(),
                AcceptedSubject.registrarThread()).serializer();
        WiredRequest request = new WiredRequest(TestRequests.generate("s-2").build(), wire);

        // both records are written while the registry has not answered the first registration
        assertTimeoutPreemptively(PATIENCE, () -> {
            assertArrayEquals(wire, serializer.serialize("accepted", request));
            assertArrayEquals(wire, serializer.serialize("accepted", request));
        });
        answer.countDown();
        awaitTrue(() -> memory.subjects().contains("accepted-value"));
        assertEquals(requestSchemaId, memory.latest("accepted-value").id());
        assertEquals(1, registerCalls.get(), "the second record found the first registration under way");
    }

    @Test
    void aRefusedSchemaIsTriedAgainOnlyAfterTheWait() {
        memory.register("accepted-value", UNRELATED);
        AtomicLong now = new AtomicLong();
        AcceptedSubject subject = new AcceptedSubject(watched(() -> { }), now::get, Runnable::run);

        subject.register("accepted", wire); // refused: another record name under BACKWARD
        memory.setCompatibility("accepted-value", CompatibilityLevel.NONE);
        now.addAndGet(AcceptedSubject.RETRY_AFTER.minus(Duration.ofSeconds(1)).toNanos());
        subject.register("accepted", wire);
        assertEquals(1, registerCalls.get(), "not tried again within the wait");
        assertEquals(UNRELATED, memory.latest("accepted-value").schema());

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        subject.register("accepted", wire);
        assertEquals(2, registerCalls.get());
        assertEquals(requestSchemaId, memory.latest("accepted-value").id());
        subject.register("accepted", wire);
        assertEquals(2, registerCalls.get(), "a registered schema is not registered again");
    }

    @Test
    void withAutoRegistrationOffNothingIsRegistered() {
        SchemaRegistryClient registry = watched(() -> { });
        WiredRequest request = new WiredRequest(TestRequests.generate("s-3").build(), wire);

        WiredRequest.acceptedSerde(registry, new SerdeSettings(false), Runnable::run).serializer()
                .serialize("accepted", request);
        assertEquals(0, registerCalls.get());
        WiredRequest.acceptedSerde(registry, SerdeSettings.defaults(), Runnable::run).serializer()
                .serialize("accepted", request);
        assertEquals(1, registerCalls.get(), "the same call registers with auto-registration on");
        assertFalse(memory.subjects().isEmpty());
    }

    /** The in-memory registry, each {@code register} call counted and preceded by {@code beforeRegister}. */
    private SchemaRegistryClient watched(Runnable beforeRegister) {
        return (SchemaRegistryClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SchemaRegistryClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("register")) {
                        registerCalls.incrementAndGet();
                        beforeRegister.run();
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for a condition that another thread makes true, failing after {@link #PATIENCE}. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within " + PATIENCE);
            Thread.sleep(10);
        }
    }
}

package dev.uniworld.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.events.GenerationRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What each kind of accepted-topic record becomes: an answerable unreadable request, nothing, or a failed read. */
class RequestDeserializerTest {

    /** A registry address where nothing listens: every lookup fails at once. */
    private final RequestDeserializer deserializer =
            new RequestDeserializer(Map.of("schema.registry.url", "http://127.0.0.1:1"));
    private final List<Either<GenerationRequest, UnreadableRequest>> out = new ArrayList<>();
    private final Collector<Either<GenerationRequest, UnreadableRequest>> collector = new Collector<>() {
        @Override
        public void collect(Either<GenerationRequest, UnreadableRequest> record) {
            out.add(record);
        }

        @Override
        public void close() {
        }
    };

    @Test
    void bytesThatAreNoRequestBecomeAnUnreadableRequestUnderTheirKey() throws Exception {
        deserializer.deserialize(record("r-1", "not Avro".getBytes(StandardCharsets.UTF_8)), collector);
        deserializer.deserialize(record(null, new byte[] {1, 2}), collector);
        assertEquals(2, out.size());
        UnreadableRequest keyed = out.get(0).right();
        assertEquals("r-1", keyed.requestId());
        assertEquals("accepted-1@7", keyed.coordinates());
        assertTrue(keyed.problem().startsWith("UNKNOWN_MAGIC_BYTE"), keyed.problem());
        assertEquals("accepted-1@7", out.get(1).right().requestId(), "without a key, the coordinates name it");
    }

    @Test
    void aTombstoneIsNoRequest() throws Exception {
        deserializer.deserialize(record("r-2", null), collector);
        assertTrue(out.isEmpty());
    }

    @Test
    void anUnreachableRegistryFailsTheReadSoThatTheRecordIsReadAgain() {
        byte[] framed = {0, 0, 0, 0, 1, 2, 4, 6}; // magic byte, schema id 1, a body
        IOException failed = assertThrows(IOException.class,
                () -> deserializer.deserialize(record("r-3", framed), collector));
        assertTrue(failed.getMessage().contains("accepted-1@7") && failed.getMessage().contains("reads it again"),
                failed.getMessage());
        assertTrue(out.isEmpty());
    }

    @Test
    void itsTypeIsFlinksOwnAndNeedsNoKryo() {
        // the job runs with generic types off: a Kryo fallback would fail it at submission
        assertInstanceOf(EitherTypeInfo.class, deserializer.getProducedType());
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(UnreadableRequest.class));
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>("accepted", 1, 7, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value);
    }
}

package dev.uniworld.pipeline.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.Task;
import dev.uniworld.model.HostTensor;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Every field survives the trip between stages; the serializer's snapshot restores a compatible serializer. */
class InFlightSerializerTest {

    @Test
    void aRecordWithEveryFieldSetRoundTrips() throws Exception {
        // Given
        RequestInfo request = new RequestInfo("r1", "b1", "make it blue", Task.AUTO, 4, 3.5f, 11L, 32, 48, 5, 100, 200,
                300);
        InFlight record = InFlight.admitted(request, List.of(new byte[] {1, 2, 3}))
                .withTask(Task.EDIT)
                .withVlm(new int[] {1, 9, 4}, tensor(3, 2))
                .withSiglip(tensor(1, 4, 2))
                .traced(new StageTrace("vlm", "cpu()", 5, 7, 3))
                .withModel("uniworld-tiny", "abc123");
        // When
        InFlight copy = roundTrip(record);
        // Then
        assertEquals(request, copy.request());
        assertEquals(Task.EDIT, copy.task());
        assertArrayEquals(new int[] {1, 9, 4}, copy.tokenIds());
        assertEquals(record.vlmHidden(), copy.vlmHidden());
        assertEquals(record.siglip(), copy.siglip());
        assertEquals(record.trace(), copy.trace());
        assertEquals(0, copy.images().size(), "SigLIP features replace the encoded images");
        assertEquals("uniworld-tiny", copy.modelId());
        assertEquals("abc123", copy.modelVersion());
    }

    @Test
    void aPromptIdAndMessageOfAnyLengthRoundTrip() throws Exception {
        // a producer that skips the gateway can send more than the 64 KiB that DataOutput.writeUTF takes
        String prompt = "make it blue, ".repeat(10_000) + "\u00e9\u4e16\ud83d\ude00";
        String id = "id-".repeat(30_000);
        RequestInfo request = new RequestInfo(id, null, prompt, Task.EDIT, null, null, null, null, null, null, 0, 0);
        InFlight failed = InFlight.admitted(request, List.of())
                .failed(new Failure(ReasonCode.STAGE_FAILED, "vlm", null, prompt));
        InFlight copy = roundTrip(failed);
        assertEquals(prompt, copy.request().prompt());
        assertEquals(id, copy.requestId());
        assertEquals(prompt, copy.failure().message());
    }

    @Test
    void aFusedRecordKeepsBothContextsUntilTheDitReplacesThemWithLatents() throws Exception {
        // Given a record as fusion emits it with classifier-free guidance on
        RequestInfo request = new RequestInfo("r3", null, "a circle", Task.GENERATE, null, null, null, null, null,
                null, 0, 0);
        InFlight fused = InFlight.admitted(request, List.of()).withContext(tensor(5, 4), tensor(4))
                .withUnconditionalContext(tensor(1, 4), tensor(4));
        // When
        InFlight copy = roundTrip(fused);
        // Then
        assertEquals(fused.context(), copy.context());
        assertEquals(fused.unconditionalContext(), copy.unconditionalContext());
        assertEquals(fused.unconditionalPooled(), copy.unconditionalPooled());
        InFlight denoised = roundTrip(copy.withLatents(tensor(3, 2, 2)));
        assertNull(denoised.unconditionalContext());
        assertNull(denoised.unconditionalPooled());
    }

    @Test
    void aFailedRecordKeepsItsFailureAndTraceAndDropsTensors() throws Exception {
        RequestInfo request = new RequestInfo("r2", null, "a circle", Task.GENERATE, null, null, null, null, null,
                null, 0, 0);
        InFlight failed = InFlight.admitted(request, List.of()).withContext(tensor(4, 2), tensor(2))
                .failed(new Failure(ReasonCode.NON_FINITE_OUTPUT, "dit", null, "NaN"));
        InFlight copy = roundTrip(failed);
        assertEquals(failed.failure(), copy.failure());
        assertNull(copy.context());
        assertEquals(request, copy.request());
    }

    @Test
    void theSnapshotRestoresACompatibleSerializer() {
        var snapshot = InFlightSerializer.INSTANCE.snapshotConfiguration();
        TypeSerializerSchemaCompatibility<InFlight> compatibility = snapshot.restoreSerializer()
                .snapshotConfiguration().resolveSchemaCompatibility(snapshot);
        assertEquals(true, compatibility.isCompatibleAsIs());
    }

    private static InFlight roundTrip(InFlight record) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        InFlightSerializer.INSTANCE.serialize(record, out);
        return InFlightSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static HostTensor tensor(long... shape) {
        int size = 1;
        for (long d : shape) {
            size *= (int) d;
        }
        float[] data = new float[size];
        for (int i = 0; i < size; i++) {
            data[i] = i * 0.5f - 1;
        }
        return new HostTensor(data, shape);
    }
}

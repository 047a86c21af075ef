package dev.uniworld.pipeline.record;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The explicit serializer of {@link InFlight}: every field written by hand, tensors as shape plus floats, so the
 * records between stages never fall back to Kryo. Enums travel by name, so adding a symbol never shifts the others.
 */
public final class InFlightSerializer extends TypeSerializer<InFlight> {

    private static final long serialVersionUID = 1L;
    public static final InFlightSerializer INSTANCE = new InFlightSerializer();

    @Override
    public void serialize(InFlight r, DataOutputView out) throws IOException {
        writeRequest(r.request(), out);
        out.writeUTF(r.task().name());
        out.writeInt(r.images().size());
        for (byte[] image : r.images()) {
            Wire.writeBytes(out, image);
        }
        Wire.writeInts(out, r.tokenIds());
        Wire.writeTensor(out, r.vlmHidden());
        Wire.writeTensor(out, r.siglip());
        Wire.writeTensor(out, r.context());
        Wire.writeTensor(out, r.pooled());
        Wire.writeTensor(out, r.unconditionalContext());
        Wire.writeTensor(out, r.unconditionalPooled());
        Wire.writeTensor(out, r.latents());
        Wire.writeBytes(out, r.png());
        Wire.writeString(out, r.answer());
        writeFailure(r.failure(), out);
        out.writeInt(r.trace().size());
        for (StageTrace t : r.trace()) {
            out.writeUTF(t.stage());
            out.writeUTF(t.device());
            out.writeLong(t.queueMillis());
            out.writeLong(t.computeMillis());
            out.writeInt(t.batchSize());
        }
        out.writeUTF(r.modelId());
        out.writeUTF(r.modelVersion());
    }

    @Override
    public InFlight deserialize(DataInputView in) throws IOException {
        RequestInfo request = readRequest(in);
        Task task = Task.valueOf(in.readUTF());
        int imageCount = in.readInt();
        List<byte[]> images = new ArrayList<>(imageCount);
        for (int i = 0; i < imageCount; i++) {
            images.add(Wire.readBytes(in));
        }
        int[] tokenIds = Wire.readInts(in);
        var vlm = Wire.readTensor(in);
        var siglip = Wire.readTensor(in);
        var context = Wire.readTensor(in);
        var pooled = Wire.readTensor(in);
        var unconditionalContext = Wire.readTensor(in);
        var unconditionalPooled = Wire.readTensor(in);
        var latents = Wire.readTensor(in);
        byte[] png = Wire.readBytes(in);
        String answer = Wire.readString(in);
        Failure failure = readFailure(in);
        int stages = in.readInt();
        List<StageTrace> trace = new ArrayList<>(stages);
        for (int i = 0; i < stages; i++) {
            trace.add(new StageTrace(in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), in.readInt()));
        }
        return InFlight.of(request, task, images, tokenIds, vlm, siglip, context, pooled, unconditionalContext,
                unconditionalPooled, latents, png, answer, failure, trace, in.readUTF(), in.readUTF());
    }

    private static void writeRequest(RequestInfo q, DataOutputView out) throws IOException {
        Wire.writeString(out, q.requestId());
        Wire.writeString(out, q.batchId());
        Wire.writeString(out, q.prompt());
        out.writeUTF(q.requestedTask().name());
        Wire.writeNullableInt(out, q.steps());
        out.writeBoolean(q.guidance() != null);
        if (q.guidance() != null) {
            out.writeFloat(q.guidance());
        }
        out.writeBoolean(q.seed() != null);
        if (q.seed() != null) {
            out.writeLong(q.seed());
        }
        Wire.writeNullableInt(out, q.width());
        Wire.writeNullableInt(out, q.height());
        Wire.writeNullableInt(out, q.maxAnswerTokens());
        out.writeLong(q.submittedAt());
        out.writeLong(q.admittedAt());
        out.writeLong(q.deadline());
    }

    private static RequestInfo readRequest(DataInputView in) throws IOException {
        String id = Wire.readString(in);
        String batch = Wire.readString(in);
        String prompt = Wire.readString(in);
        Task task = Task.valueOf(in.readUTF());
        Integer steps = Wire.readNullableInt(in);
        Float guidance = in.readBoolean() ? in.readFloat() : null;
        Long seed = in.readBoolean() ? in.readLong() : null;
        return new RequestInfo(id, batch, prompt, task, steps, guidance, seed, Wire.readNullableInt(in),
                Wire.readNullableInt(in), Wire.readNullableInt(in), in.readLong(), in.readLong(), in.readLong());
    }

    private static void writeFailure(Failure f, DataOutputView out) throws IOException {
        out.writeBoolean(f != null);
        if (f != null) {
            out.writeUTF(f.code().name());
            out.writeUTF(f.stage());
            Wire.writeString(out, f.field());
            Wire.writeString(out, f.message());
        }
    }

    private static Failure readFailure(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new Failure(ReasonCode.valueOf(in.readUTF()), in.readUTF(), Wire.readString(in), Wire.readString(in));
    }

    @Override
    public InFlight deserialize(InFlight reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    /** Records are never mutated after emission (see {@link InFlight}), so sharing is a valid copy. */
    @Override
    public InFlight copy(InFlight from) {
        return from;
    }

    @Override
    public InFlight copy(InFlight from, InFlight reuse) {
        return from;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<InFlight> duplicate() {
        return this;
    }

    @Override
    public InFlight createInstance() {
        return null;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof InFlightSerializer;
    }

    @Override
    public int hashCode() {
        return InFlightSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<InFlight> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Stateless serializer: the snapshot only names it (used if a record ever lands in operator state). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<InFlight> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}

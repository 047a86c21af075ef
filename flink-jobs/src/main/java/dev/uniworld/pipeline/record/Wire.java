package dev.uniworld.pipeline.record;

import dev.uniworld.model.HostTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Nullable fields and primitive arrays on Flink's data views. Tensors go as rank, dimensions, then the floats in one
 * bulk write: per-element {@code writeFloat} calls cost ~10x more on a [256, 128] context.
 */
final class Wire {

    private Wire() {
    }

    /**
     * A nullable string of any length, as UTF-8 bytes: {@code writeUTF} refuses more than 64 KiB, and a prompt or key
     * from a producer that skips the gateway can be longer; a refusal there would fail the task on every replay.
     */
    static void writeString(DataOutputView out, String value) throws IOException {
        writeBytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    static String readString(DataInputView in) throws IOException {
        byte[] bytes = readBytes(in);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeBytes(DataOutputView out, byte[] value) throws IOException {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
    }

    static byte[] readBytes(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }

    static void writeInts(DataOutputView out, int[] value) throws IOException {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            ByteBuffer buffer = ByteBuffer.allocate(4 * value.length);
            buffer.asIntBuffer().put(value);
            out.write(buffer.array());
        }
    }

    static int[] readInts(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] raw = new byte[4 * length];
        in.readFully(raw);
        int[] value = new int[length];
        ByteBuffer.wrap(raw).asIntBuffer().get(value);
        return value;
    }

    static void writeTensor(DataOutputView out, HostTensor tensor) throws IOException {
        out.writeInt(tensor == null ? -1 : tensor.shape().length);
        if (tensor == null) {
            return;
        }
        for (long d : tensor.shape()) {
            out.writeLong(d);
        }
        float[] data = tensor.data();
        ByteBuffer buffer = ByteBuffer.allocate(4 * data.length);
        buffer.asFloatBuffer().put(data);
        out.write(buffer.array());
    }

    static HostTensor readTensor(DataInputView in) throws IOException {
        int rank = in.readInt();
        if (rank < 0) {
            return null;
        }
        long[] shape = new long[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readLong();
            size *= shape[i];
        }
        byte[] raw = new byte[Math.toIntExact(4 * size)];
        in.readFully(raw);
        float[] data = new float[Math.toIntExact(size)];
        ByteBuffer.wrap(raw).asFloatBuffer().get(data);
        return new HostTensor(data, shape);
    }

    static void writeNullableInt(DataOutputView out, Integer value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    static Integer readNullableInt(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }
}

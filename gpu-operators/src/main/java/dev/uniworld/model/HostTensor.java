package dev.uniworld.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * A float tensor on the heap: how tensors travel between pipeline stages (and operators, and devices). Row-major.
 *
 * @param data values, length = product of shape
 * @param shape dimensions
 */
public record HostTensor(float[] data, long[] shape) {

    public HostTensor {
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size + " values, got "
                    + data.length);
        }
        shape = shape.clone();
    }

    /** Copies an array to the heap (as float32). */
    public static HostTensor of(NDArray array) {
        return new HostTensor(array.toType(DataType.FLOAT32, false).toFloatArray(), array.getShape().getShape());
    }

    /** A new array in {@code manager} (on its device). */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(data, new Shape(shape));
    }

    public long dim(int axis) {
        return shape[axis];
    }

    /** Rows [from, to) of axis 0. */
    public HostTensor rows(int from, int to) {
        int row = rowSize();
        long[] s = shape.clone();
        s[0] = to - from;
        return new HostTensor(Arrays.copyOfRange(data, from * row, to * row), s);
    }

    /** CHW images of side x side (as {@code ImageCodec.toModelInput} makes them) stacked into [N, 3, side, side]. */
    public static HostTensor images(List<float[]> chw, int side) {
        int per = 3 * side * side;
        float[] all = new float[chw.size() * per];
        for (int i = 0; i < chw.size(); i++) {
            System.arraycopy(chw.get(i), 0, all, i * per, per);
        }
        return new HostTensor(all, new long[] {chw.size(), 3, side, side});
    }

    /** Concatenation along axis 0; all parts share the trailing dimensions. */
    public static HostTensor concat(List<HostTensor> parts) {
        long[] s = parts.get(0).shape.clone();
        s[0] = parts.stream().mapToLong(p -> p.shape[0]).sum();
        float[] out = new float[Math.toIntExact(parts.stream().mapToLong(p -> p.data.length).sum())];
        int pos = 0;
        for (HostTensor p : parts) {
            if (!Arrays.equals(p.shape, 1, p.shape.length, s, 1, s.length)) {
                throw new IllegalArgumentException("cannot concatenate " + Arrays.toString(p.shape) + " with "
                        + Arrays.toString(s));
            }
            System.arraycopy(p.data, 0, out, pos, p.data.length);
            pos += p.data.length;
        }
        return new HostTensor(out, s);
    }

    /**
     * Stacks [T_i, D...] sequences into [B, max T, D...] with zeros after each sequence (right padding).
     */
    public static HostTensor padStack(List<HostTensor> sequences) {
        long longest = sequences.stream().mapToLong(t -> t.shape[0]).max().orElse(0);
        long[] s = new long[sequences.get(0).shape.length + 1];
        s[0] = sequences.size();
        s[1] = longest;
        System.arraycopy(sequences.get(0).shape, 1, s, 2, s.length - 2);
        int row = sequences.get(0).rowSize();
        float[] out = new float[Math.toIntExact(s[0] * longest * row)];
        for (int b = 0; b < sequences.size(); b++) {
            HostTensor t = sequences.get(b);
            System.arraycopy(t.data, 0, out, Math.toIntExact(b * longest * row), t.data.length);
        }
        return new HostTensor(out, s);
    }

    /** Sample b of a [B, T, D...] tensor, first {@code length} positions only: [length, D...]. */
    public HostTensor sequence(int b, int length) {
        long[] s = Arrays.copyOfRange(shape, 1, shape.length);
        int row = Math.toIntExact(Arrays.stream(shape, 2, shape.length).reduce(1, (x, y) -> x * y));
        int start = Math.toIntExact(b * shape[1] * row);
        s[0] = length;
        return new HostTensor(Arrays.copyOfRange(data, start, start + length * row), s);
    }

    private int rowSize() {
        return Math.toIntExact(Arrays.stream(shape, 1, shape.length).reduce(1, (x, y) -> x * y));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostTensor t && Arrays.equals(data, t.data) && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "HostTensor" + Arrays.toString(shape);
    }
}

package dev.uniworld.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/** Tensor functions without parameters shared by the blocks. */
public final class Ops {

    /**
     * Added to attention scores that must be ignored. Finite on purpose: a row of -inf gives NaN after softmax, and
     * exp(-1e9 - max) already underflows to exactly 0 in float32.
     */
    public static final float MASKED = -1e9f;

    private Ops() {
    }

    /**
     * Rows of {@code table} picked by an integer {@code index} (any shape): index shape + [D]. The result belongs to
     * the index's manager: a table of weights lives in the model's manager, and a per-call result attached there would
     * outlive the call.
     */
    public static NDArray takeRows(NDArray table, NDArray index) {
        return table.get(index.getManager(), new NDIndex("{}", index));
    }

    /** x * sigmoid(x). */
    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    public static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }

    /** [B, T, H * hd] -> [B, H, T, hd]. */
    public static NDArray splitHeads(NDArray x, long heads) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
    }

    /** [B, H, T, hd] -> [B, T, H * hd]. */
    public static NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
    }

    /**
     * Scaled dot-product attention with matMul + softmax (DJL's PyTorch engine has no fused kernel).
     *
     * @param q [B, H, Tq, hd]
     * @param k [B, H, Tk, hd]
     * @param v [B, H, Tk, hd]
     * @param additiveMask broadcastable to [B, H, Tq, Tk], 0 where allowed and {@link #MASKED} elsewhere; null for none
     * @return [B, H, Tq, hd]
     */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray additiveMask) {
        double scale = 1.0 / Math.sqrt(q.getShape().get(3));
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale); // [B, H, Tq, Tk]
        if (additiveMask != null) {
            scores = scores.add(additiveMask);
        }
        return scores.softmax(3).matMul(v); // [B, H, Tq, hd]
    }

    /** Causal additive mask [T, T]: token i may attend to tokens 0..i. */
    public static NDArray causalMask(NDManager manager, int length) {
        float[] mask = new float[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j < length; j++) {
                mask[i * length + j] = MASKED;
            }
        }
        return manager.create(mask, new Shape(length, length));
    }

    /** Key mask [B, L] of 1 (keep) / 0 (padding) -> additive [B, 1, 1, L]. */
    public static NDArray keyPaddingMask(NDArray keep) {
        Shape s = keep.getShape();
        return keep.sub(1f).mul(-MASKED).reshape(s.get(0), 1, 1, s.get(1));
    }

    /**
     * Image to patch tokens in the order a stride-p convolution would flatten them (channel, row, column), so conv
     * weights reshape to [out, C * p * p] unchanged. [B, C, H, W] -> [B, (H/p) * (W/p), C * p * p].
     */
    public static NDArray patchify(NDArray images, int patch) {
        Shape s = images.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long gh = s.get(2) / patch;
        long gw = s.get(3) / patch;
        return images.reshape(b, c, gh, patch, gw, patch) // [B, C, gh, p, gw, p]
                .transpose(0, 2, 4, 1, 3, 5) // [B, gh, gw, C, p, p]
                .reshape(b, gh * gw, c * patch * patch);
    }

    /**
     * Concatenates each m x m window of a row-major token grid: [N, g * g, C] -> [N, (g / m)^2, m * m * C], windows in
     * row-major order, each window's tokens row-major inside it (Qwen2.5-VL's patch merge).
     */
    public static NDArray mergeWindows(NDArray tokens, long gridSide, int m) {
        long n = tokens.getShape().get(0);
        long channels = tokens.getShape().get(2);
        long side = gridSide / m;
        return tokens.reshape(n, side, m, side, m, channels) // [N, g/m, m, g/m, m, C]
                .transpose(0, 1, 3, 2, 4, 5) // [N, g/m, g/m, m, m, C]
                .reshape(n, side * side, (long) m * m * channels);
    }

    /** Inverse of {@link #patchify}: [B, gh * gw, C * p * p] -> [B, C, gh * p, gw * p]. */
    public static NDArray unpatchify(NDArray tokens, int patch, int channels, int gridH, int gridW) {
        long b = tokens.getShape().get(0);
        return tokens.reshape(b, gridH, gridW, channels, patch, patch) // [B, gh, gw, C, p, p]
                .transpose(0, 3, 1, 4, 2, 5) // [B, C, gh, p, gw, p]
                .reshape(b, channels, (long) gridH * patch, (long) gridW * patch);
    }
}

package dev.uniworld.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The fusion stage's output, the DiT's conditioning.
 *
 * @param context [B, L, C] fused context, zero past each sample's length
 * @param lengths valid context tokens per sample
 * @param pooled [B, C] pooled vector
 */
public record FusedContext(HostTensor context, int[] lengths, HostTensor pooled) {

    public int batchSize() {
        return lengths.length;
    }

    /** Sample b alone. */
    public FusedContext sample(int b) {
        return new FusedContext(HostTensor.padStack(List.of(context.sequence(b, lengths[b]))),
                new int[] {lengths[b]}, pooled.rows(b, b + 1));
    }

    /** Joins per-request contexts into one batch (re-padded). */
    public static FusedContext batch(List<FusedContext> parts) {
        List<HostTensor> sequences = new ArrayList<>();
        List<HostTensor> pooled = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (FusedContext part : parts) {
            for (int b = 0; b < part.batchSize(); b++) {
                sequences.add(part.context.sequence(b, part.lengths[b]));
                lengths.add(part.lengths[b]);
            }
            pooled.add(part.pooled);
        }
        return new FusedContext(HostTensor.padStack(sequences), lengths.stream().mapToInt(i -> i).toArray(),
                HostTensor.concat(pooled));
    }
}

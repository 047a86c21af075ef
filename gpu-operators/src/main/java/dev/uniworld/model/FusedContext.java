package dev.uniworld.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The fusion stage's output, the DiT's conditioning.
 *
 * @param context [B, L, C] fused context, zero past each sample's length
 * @param lengths valid context tokens per sample
 * @param pooled [B, C] pooled vector
 * @param referenceStarts per sample, the context position of each reference image's first SigLIP token (empty for
 *     text to image); the DiT places those tokens on the image grid when its config aligns references
 */
public record FusedContext(HostTensor context, int[] lengths, HostTensor pooled, int[][] referenceStarts) {

    public FusedContext {
        if (referenceStarts.length != lengths.length) {
            throw new IllegalArgumentException(lengths.length + " samples need " + lengths.length
                    + " reference start lists, got " + referenceStarts.length);
        }
    }

    public int batchSize() {
        return lengths.length;
    }

    /** Sample b alone. */
    public FusedContext sample(int b) {
        return new FusedContext(HostTensor.padStack(List.of(context.sequence(b, lengths[b]))),
                new int[] {lengths[b]}, pooled.rows(b, b + 1), new int[][] {referenceStarts[b]});
    }

    /** Joins per-request contexts into one batch (re-padded). */
    public static FusedContext batch(List<FusedContext> parts) {
        List<HostTensor> sequences = new ArrayList<>();
        List<HostTensor> pooled = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        List<int[]> starts = new ArrayList<>();
        for (FusedContext part : parts) {
            for (int b = 0; b < part.batchSize(); b++) {
                sequences.add(part.context.sequence(b, part.lengths[b]));
                lengths.add(part.lengths[b]);
                starts.add(part.referenceStarts[b]);
            }
            pooled.add(part.pooled);
        }
        return new FusedContext(HostTensor.padStack(sequences), lengths.stream().mapToInt(i -> i).toArray(),
                HostTensor.concat(pooled), starts.toArray(int[][]::new));
    }
}

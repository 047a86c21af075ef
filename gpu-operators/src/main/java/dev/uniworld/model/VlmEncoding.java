package dev.uniworld.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The VLM stage's output.
 *
 * @param hidden [B, T, Dv] last-layer states after the final norm, right-padded to the longest prompt
 * @param tokenIds the unpadded prompt ids per sample (fusion finds each image's vision_end in them)
 */
public record VlmEncoding(HostTensor hidden, int[][] tokenIds) {

    public int batchSize() {
        return tokenIds.length;
    }

    /** Sample b alone: [1, T_b, Dv]. */
    public VlmEncoding sample(int b) {
        return new VlmEncoding(HostTensor.padStack(List.of(hidden.sequence(b, tokenIds[b].length))),
                new int[][] {tokenIds[b].clone()});
    }

    /** Joins per-request encodings into one batch (re-padded). */
    public static VlmEncoding batch(List<VlmEncoding> parts) {
        List<HostTensor> sequences = new ArrayList<>();
        List<int[]> ids = new ArrayList<>();
        for (VlmEncoding part : parts) {
            for (int b = 0; b < part.batchSize(); b++) {
                sequences.add(part.hidden.sequence(b, part.tokenIds[b].length));
                ids.add(part.tokenIds[b]);
            }
        }
        return new VlmEncoding(HostTensor.padStack(sequences), ids.toArray(int[][]::new));
    }
}

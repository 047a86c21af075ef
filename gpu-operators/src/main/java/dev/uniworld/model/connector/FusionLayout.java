package dev.uniworld.model.connector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where every fused context token comes from, worked out on the host from the token ids. The fused sequence of sample b
 * is its VLM tokens in order, with each image's P SigLIP tokens inserted right before that image's vision_end token,
 * then its extra text-encoder tokens; shorter samples are padded with a zero row.
 *
 * <p>Rows index one table: [B * T VLM rows | N * P SigLIP rows | B * E extra rows | 1 zero row].
 *
 * @param rows [B * L] table row per fused position
 * @param lengths valid fused tokens per sample
 * @param paddedLength L
 * @param imageStarts fused position of each image's first SigLIP token, per sample in prompt order
 */
public record FusionLayout(long[] rows, int[] lengths, int paddedLength, int[][] imageStarts) {

    /**
     * @param tokenIds unpadded ids per sample; the VLM states are padded to {@code vlmLength}
     * @param visionEnd id of the vision_end token
     * @param images SigLIP images given, in prompt order over the batch; 0 inserts nothing
     * @param siglipTokens P, tokens per image
     * @param extraLengths extra text tokens per sample (null for none), padded to {@code extraLength}
     */
    public static FusionLayout plan(int[][] tokenIds, int vlmLength, int visionEnd, int images, int siglipTokens,
            int[] extraLengths, int extraLength) {
        int batch = tokenIds.length;
        long siglipBase = (long) batch * vlmLength;
        long extraBase = siglipBase + (long) images * siglipTokens;
        long zeroRow = extraBase + (long) batch * extraLength;
        List<long[]> perSample = new ArrayList<>();
        int[][] starts = new int[batch][];
        int image = 0;
        for (int b = 0; b < batch; b++) {
            long[] sample = new long[tokenIds[b].length + countEnds(tokenIds[b], visionEnd) * siglipTokens
                    + (extraLengths == null ? 0 : extraLengths[b])];
            int pos = 0;
            for (int t = 0; t < tokenIds[b].length; t++) {
                if (tokenIds[b][t] == visionEnd && images > 0) {
                    if (image >= images) {
                        throw new IllegalArgumentException("prompts close more images than the " + images + " given");
                    }
                    for (int p = 0; p < siglipTokens; p++) {
                        sample[pos++] = siglipBase + (long) image * siglipTokens + p;
                    }
                    image++;
                }
                sample[pos++] = (long) b * vlmLength + t;
            }
            for (int e = 0; extraLengths != null && e < extraLengths[b]; e++) {
                sample[pos++] = extraBase + (long) b * extraLength + e;
            }
            perSample.add(Arrays.copyOf(sample, pos));
            starts[b] = images > 0 ? imageStarts(tokenIds[b], visionEnd, siglipTokens) : new int[0];
        }
        if (images > 0 && image != images) {
            throw new IllegalArgumentException(images + " images given but prompts close only " + image);
        }
        return pad(perSample, zeroRow, starts);
    }

    /**
     * Where each image's SigLIP tokens start in the fused sequence of one prompt with images (what a plan records in
     * {@link #imageStarts()}, and what the DiT stage recounts from a request's prompt): for the prompt's k-th
     * vision_end at index t, t + k * P.
     */
    public static int[] imageStarts(int[] tokenIds, int visionEnd, int siglipTokens) {
        List<Integer> starts = new ArrayList<>();
        for (int t = 0; t < tokenIds.length; t++) {
            if (tokenIds[t] == visionEnd) {
                starts.add(t + starts.size() * siglipTokens);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int countEnds(int[] ids, int visionEnd) {
        return (int) Arrays.stream(ids).filter(id -> id == visionEnd).count();
    }

    private static FusionLayout pad(List<long[]> perSample, long zeroRow, int[][] starts) {
        int longest = perSample.stream().mapToInt(s -> s.length).max().orElse(0);
        long[] rows = new long[perSample.size() * longest];
        int[] lengths = new int[perSample.size()];
        Arrays.fill(rows, zeroRow);
        for (int b = 0; b < perSample.size(); b++) {
            long[] sample = perSample.get(b);
            System.arraycopy(sample, 0, rows, b * longest, sample.length);
            lengths[b] = sample.length;
        }
        return new FusionLayout(rows, lengths, longest, starts);
    }
}

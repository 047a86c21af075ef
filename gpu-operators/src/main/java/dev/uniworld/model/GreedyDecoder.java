package dev.uniworld.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.vlm.VlmModel;
import java.util.Arrays;

/**
 * Greedy text decoding with the VLM: append the most likely token until the stop token or the token limit. Each step
 * re-encodes the whole prefix instead of keeping a key/value cache: the answers here are a few words ("three", "red"),
 * where the cache's bookkeeping would cost more than the recomputation it saves.
 */
final class GreedyDecoder {

    private final VlmModel vlm;
    private final NDManager manager;
    private final SpecialTokens specials;
    /** The id after which a describing VLM's answer begins; -1 when every generated token is the answer's. */
    private final int answerAfter;

    /**
     * @param answerAfter the id that closes a describing VLM's description ({@code DescribedAnswers}), or -1 for a VLM
     *     whose every generated token belongs to the answer. The description is written from the last layer's states
     *     and the answer from the answer layers' ({@link VlmModel#answerStates}), the tokens each was trained to write
     */
    GreedyDecoder(VlmModel vlm, NDManager manager, SpecialTokens specials, int answerAfter) {
        this.vlm = vlm;
        this.manager = manager;
        this.specials = specials;
        this.answerAfter = answerAfter;
    }

    /**
     * @param prompts prompt ids per sample
     * @param images [N, 3, S, S] for the prompts' images, or null
     * @return generated ids per sample, stop token excluded, at most maxNewTokens each
     */
    int[][] decode(int[][] prompts, HostTensor images, int maxNewTokens) {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0");
        }
        int batch = prompts.length;
        int[][] sequences = Arrays.stream(prompts).map(int[]::clone).toArray(int[][]::new);
        int[] generated = new int[batch];
        boolean[] done = new boolean[batch];
        boolean[] answering = new boolean[batch];
        Arrays.fill(answering, answerAfter < 0);
        for (int step = 0; step < maxNewTokens && !allDone(done); step++) {
            long[] next = nextTokens(sequences, images, answering);
            for (int b = 0; b < batch; b++) {
                if (done[b]) {
                    continue;
                }
                if (next[b] == specials.eos()) {
                    done[b] = true;
                    continue;
                }
                sequences[b] = Arrays.copyOf(sequences[b], sequences[b].length + 1);
                sequences[b][sequences[b].length - 1] = Math.toIntExact(next[b]);
                answering[b] |= next[b] == answerAfter;
                done[b] = ++generated[b] == maxNewTokens;
            }
        }
        int[][] out = new int[batch][];
        for (int b = 0; b < batch; b++) {
            out[b] = Arrays.copyOfRange(sequences[b], prompts[b].length, sequences[b].length);
        }
        return out;
    }

    /**
     * Argmax of the next-token logits at each sample's last position, from the answer layers' states where the sample
     * is answering and from the last layer's elsewhere: [B].
     */
    private long[] nextTokens(int[][] sequences, HostTensor images, boolean[] answering) {
        try (NDManager sub = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(sub, false);
            NDArray ids = vlm.padTokenIds(sub, sequences);
            NDArray pictures = images == null ? null : images.toNDArray(sub);
            int[] lengths = UniWorldModel.lengths(sequences);
            boolean anyAnswering = false;
            boolean allAnswering = true;
            for (boolean a : answering) {
                anyAnswering |= a;
                allAnswering &= a;
            }
            // while every sample still describes, the answer layers need not run (most of a describing VLM's steps)
            NDList states = anyAnswering ? vlm.readingStates(store, ids, pictures, false)
                    : new NDList(vlm.forward(store, ids, pictures, false)); // 1 or 2 x [B, T, D]
            long[] described = allAnswering ? null : vlm.lmLogits(store, VlmModel.lastTokens(states.get(0), lengths),
                    false).argMax(1).toLongArray(); // [B]
            long[] answered = anyAnswering ? vlm.lmLogits(store, VlmModel.lastTokens(states.get(1), lengths), false)
                    .argMax(1).toLongArray() : null; // [B]
            long[] next = new long[sequences.length];
            for (int b = 0; b < next.length; b++) {
                next[b] = answering[b] ? answered[b] : described[b];
            }
            return next;
        }
    }

    private static boolean allDone(boolean[] done) {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }
}
